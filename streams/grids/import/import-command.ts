import type { Command } from 'commander';

/** `gridwall grid import`: placeholder until the importer lands (this file is replaced). */
export function addImportCommand(grid: Command): void {
  grid.command('import').description('import a city’s unit grids (not yet available)');
}
