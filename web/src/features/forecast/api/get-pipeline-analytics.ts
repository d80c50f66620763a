// GET /forecast/pipeline: conversion, days in stage and drops, grouped by unit, industry or origin.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { pipelineAnalyticsSchema, type PipelineAnalyticsDto } from '../../../../../src/contracts/forecast';
import { apiGet } from '../../../lib/api';

export type PipelineParams = { groupBy: PipelineAnalyticsDto['groupBy']; from?: string | undefined; to?: string | undefined };

export async function getPipelineAnalytics(p: PipelineParams): Promise<PipelineAnalyticsDto> {
  const data = await apiGet<PipelineAnalyticsDto>('/forecast/pipeline', p);
  return (import.meta as { env?: { DEV?: boolean } }).env?.DEV ? pipelineAnalyticsSchema.parse(data) : data;
}

export const pipelineAnalyticsQueryOptions = (p: PipelineParams) =>
  queryOptions({
    queryKey: ['forecast', 'pipeline', p.groupBy, p.from ?? null, p.to ?? null] as const,
    queryFn: () => getPipelineAnalytics(p),
  });

export const usePipelineAnalytics = (p: PipelineParams) => useQuery(pipelineAnalyticsQueryOptions(p));
