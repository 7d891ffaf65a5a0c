import type { Command } from 'commander';
import { runCameraImportCommand, type CameraImportOptions } from '../cameras/import/import-command';

/** `gridwall cameras …`: the camera registry. */
export function addCameraCommands(program: Command): void {
  const cameras = program.command('cameras').description('cameras (视频监控): import the camera list of a video platform or a survey');
  cameras
    .command('import')
    .description('add or replace cameras from a list, each checked with the hall’s source policy (idempotent on the camera id)')
    .argument('<file>', '.csv with the header id,name,lon,lat,heading,fov,groups,main,sub,exhibit (groups separated by ";"; UTF-8 or GBK), or .json: an array of cameras as POST /api/cameras takes them')
    .option('--dry-run', 'check every row and report the bad ones, write nothing')
    .addHelpText(
      'after',
      '\nHosts and files as the hall allows them: GRIDWALL_CAMERA_HOSTS, CAMERA_FILE_DIR (default <data>/media).\nInto PostgreSQL when DATABASE_URL is set, else into the data dir’s embedded database: stop the hall first then.',
    )
    .action(async (file: string, opts: CameraImportOptions) => {
      process.exitCode = await runCameraImportCommand(file, opts, {
        say: (line) => process.stdout.write(`${line}\n`),
        warn: (line) => process.stderr.write(`${line}\n`),
        env: process.env,
      });
    });
}
