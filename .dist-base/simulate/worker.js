import { parentPort, workerData } from 'node:worker_threads';
import { Serializer } from './serialize.js';
import { generatorFrom } from './writer.js';
/** A serialising worker: chunks of events in, gzip members out (see writer.ts). */
const init = workerData;
const port = parentPort;
try {
    const serializer = new Serializer(init.tables, await generatorFrom(init.spec), init.level);
    port.on('message', ({ seq, chunk }) => {
        try {
            const member = serializer.member(chunk);
            // Hand the bytes over without a copy when the buffer owns its memory.
            const own = member.byteOffset === 0 && member.byteLength === member.buffer.byteLength;
            port.postMessage({ seq, member }, own ? [member.buffer] : []);
        }
        catch (e) {
            port.postMessage({ seq, error: `writing exchanges: ${e.message}` });
        }
    });
    port.postMessage({ ready: true });
}
catch (e) {
    port.postMessage({ error: e.message });
}
//# sourceMappingURL=worker.js.map