import type { Command } from 'commander';

export function ledgerCli(_program: Command): void {}
