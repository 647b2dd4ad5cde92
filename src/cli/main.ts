// `latent-explorer`: the same engine as the extension, for remote machines, scripts and CI. This file only
// parses the subcommand, dispatches, and turns errors into exit codes (1: a user error, one line; 2: a bug).
import { isUserError } from '../shared/userError';
import { processIO } from './args';
import { encodeHelp, runEncode } from './encode';
import { evalHelp, runEval } from './evalCommand';
import { metricsHelp, runMetrics } from './metrics';
import { exportHelp, runExport } from './export';
import { exportOnnxHelp, runExportOnnx } from './exportOnnx';
import { reconstructHelp, runReconstruct, runSample, sampleHelp } from './grids';
import { importHelp, runImport } from './import';
import { runTrain, trainHelp } from './train';

const signal = { stop: false };
const commands: Record<string, { help: string; run: (argv: string[]) => Promise<number> }> = {
  train: { help: trainHelp, run: (a) => runTrain(a, processIO, signal) },
  eval: { help: evalHelp, run: (a) => runEval(a, processIO) },
  encode: { help: encodeHelp, run: (a) => runEncode(a, processIO) },
  metrics: { help: metricsHelp, run: (a) => runMetrics(a, processIO, signal) },
  sample: { help: sampleHelp, run: (a) => runSample(a, processIO, signal) },
  reconstruct: { help: reconstructHelp, run: (a) => runReconstruct(a, processIO) },
  export: { help: exportHelp, run: (a) => runExport(a, processIO, signal) },
  'export-onnx': { help: exportOnnxHelp, run: (a) => runExportOnnx(a, processIO) },
  import: { help: importHelp, run: (a) => runImport(a, processIO) },
};

const usage = `usage: latent-explorer <command> [options]   (latent-explorer <command> --help)\n\n${Object.values(commands)
  .map((c) => c.help)
  .join('\n\n')}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    processIO.out(usage);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    processIO.err(`latent-explorer: unknown command "${name}"; commands: ${Object.keys(commands).join(', ')}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    processIO.out(command.help);
    return 0;
  }
  // First Ctrl-C / SIGTERM: finish the batch and keep the last checkpoint. A second one exits at once.
  const stop = () => {
    if (signal.stop) process.exit(130);
    signal.stop = true;
    processIO.err('stopping after the current batch (the last checkpoint is kept)…');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (isUserError(err)) {
      processIO.err(`latent-explorer: ${err.message}`);
      process.exit(1);
    }
    const code = (err as { code?: string })?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      processIO.err(`latent-explorer: ${(err as Error).message}`);
      process.exit(1);
    }
    processIO.err(`latent-explorer: internal error (please report it):\n${(err as Error)?.stack ?? String(err)}`);
    process.exit(2);
  },
);
