import type { Command } from 'commander';
import { addBuildCommand } from '../grids/build/build-command';
import { addImportCommand } from '../grids/import/import-command';

/** `gridwall grid …`: unit grids from a city's own files (import) or built from its boundaries (build). */
export function addGridCommands(program: Command): void {
  const grid = program.command('grid').description('unit grids (单元网格): build them for a district, or import a city’s own');
  addBuildCommand(grid);
  addImportCommand(grid);
}
