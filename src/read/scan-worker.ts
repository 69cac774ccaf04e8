/**
 * A second reader of notes for the scan of a large vault, on the machine's other core: it reads,
 * decodes and parses the files it is sent exactly as the main thread does (readNote), and sends
 * back what it learnt. Started by scan.ts with tsx, so it runs the same TypeScript sources.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createParser } from "./markdown/parser.ts";
import { readNoteFromDisk, type NoteRead, type ScanRequest, type ScanWorkerData } from "./scan.ts";

const { contentDir, publish, markdown } = workerData as ScanWorkerData;
const md = createParser(markdown);

async function read({ files }: ScanRequest): Promise<NoteRead[]> {
  return Promise.all(files.map((file) => readNoteFromDisk(contentDir, file, md, publish, { keepBody: false })));
}

// One batch at a time, answered in the order they came: the scan matches answers to requests.
let queue = Promise.resolve();
parentPort?.on("message", (request: ScanRequest) => {
  queue = queue.then(async () => parentPort?.postMessage(await read(request)));
});

// Loaded: the scan may send files now.
parentPort?.postMessage("ready");
