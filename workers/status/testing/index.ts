export { type LocalStatusWorker, startLocalStatusWorker, WORKER_DIR } from "./local-worker.ts";
