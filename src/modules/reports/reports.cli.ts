import type { Command } from 'commander';

export function reportsCli(_program: Command): void {}
