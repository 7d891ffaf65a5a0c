import type { Command } from 'commander';

/** `gridwall grid build`: placeholder until the builder lands (this file is replaced). */
export function addBuildCommand(grid: Command): void {
  grid.command('build').description('build unit grids for a district (not yet available)');
}
