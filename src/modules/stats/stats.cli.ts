import type { Command } from 'commander';

export function statsCli(_program: Command): void {}
