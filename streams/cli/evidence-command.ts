import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/config';
import { verifyEvidence } from '../evidence/evidence-verify';

interface VerifyOptions {
  data?: string;
  publicKey?: string;
}

/** `gridwall evidence …`: the hall's evidence (取证) and its chain of custody. */
export function addEvidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description('evidence (取证): captured frames and clips, and their chain of custody');
  evidence
    .command('verify')
    .description('check every evidence file against its SHA-256 and the custody log, the log’s hash chain and every signature; exit 1 on any tampering')
    .argument('[id]', 'one evidence item (ev-…); default all (the custody chain is always checked whole)')
    .option('--data <dir>', 'the hall’s data dir (default GRIDWALL_DATA, else the usual place)')
    .option('--public-key <pem>', 'check signatures with this copy of the hall’s public key (default <data>/keys/hall-ed25519.pub.pem)')
    .addHelpText('after', '\nReads only; the hall may keep running. Keep a copy of the public key away from the hall and pass it with --public-key:\nthen a log re-signed by someone who could write the data dir is caught too.')
    .action(async (id: string | undefined, opts: VerifyOptions) => {
      const say = (line: string) => process.stdout.write(`${line}\n`);
      const dataDir = opts.data ? path.resolve(opts.data) : loadConfig(process.env).dataDir;
      const r = await verifyEvidence(dataDir, { ...(id ? { id } : {}), ...(opts.publicKey ? { publicKey: path.resolve(opts.publicKey) } : {}) });
      const scope = id ? `evidence ${id}` : `${r.items} evidence item(s)`;
      say(`Evidence in ${path.join(dataDir, 'evidence')}${r.key ? ` — signatures checked with key ${r.key} (${r.keyFile})` : ''}`);
      if (r.ok) {
        say(`OK: ${scope}, ${r.files} file(s), ${r.entries} custody entries: every file matches its hash and custody, the chain is unbroken and every signature is valid.`);
        process.exitCode = 0;
        return;
      }
      for (const p of r.problems) say(`  TAMPERED: ${p}`);
      say(`${r.problems.length} problem(s) in ${scope} (${r.files} file(s), ${r.entries} custody entries): the evidence cannot be trusted as it is.`);
      process.exitCode = 1;
    });
}
