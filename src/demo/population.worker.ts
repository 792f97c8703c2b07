// Generates the demo population on a thread of its own, as COPY text a chunk of households at a
// time: the database loads one chunk while this thread generates the next, and the loader's thread
// only forwards text. The loader grants a chunk ahead for every chunk it takes (bounded memory).
import { parentPort, workerData } from 'node:worker_threads';
import { addCopyLines, type PopulationJob, type PopulationMessage } from './demo.rows.js';
import { generatePopulation } from './population.js';

const job = workerData as PopulationJob;
const port = parentPort;
if (!port) throw new Error('population.worker must run as a worker thread');

let credits = job.chunksAhead;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
  wake = null;
});

let householdLines: string[] = [];
let personLines: string[] = [];

async function send(): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  const message: PopulationMessage = {
    type: 'chunk',
    households: householdLines.join('\n'),
    persons: personLines.join('\n'),
    householdCount: householdLines.length,
  };
  port?.postMessage(message);
  householdLines = [];
  personLines = [];
}

let id = job.firstId;
for (const household of generatePopulation({
  ...job.population,
  countyName: (code) => job.countyNames[code],
})) {
  addCopyLines(household, id++, job.householdNoSuffix, householdLines, personLines);
  if (householdLines.length >= job.chunkHouseholds) await send();
}
if (householdLines.length > 0) await send();
port.postMessage({ type: 'done' } satisfies PopulationMessage);
port.close();
