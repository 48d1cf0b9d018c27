/**
 * The Pulumi programs the engine sections run, written into a consumer folder at run time: N
 * DiskSnapshots from the installed package, the same N from the repository's build imported by
 * path (serialized by value), and N no-op dynamic resources (the floor: what the engine and the
 * dynamic-provider plugin cost with a provider that does nothing), once with two properties and
 * once shaped like a DiskSnapshot (the same inputs and the same 20 declared outputs, filled with
 * values of the same size), which tells the cost of the resource's shape from the provider's work;
 * and the whole lifecycle at scale: N snapshots, a cross-region copy of each, and a disk restored
 * from each of the first N/2.
 */

import * as fs from "node:fs";
import * as path from "node:path";

/** Which program. */
export type ProgramKind = "package" | "source" | "noop" | "noop-shaped" | "lifecycle";

const PULUMI_YAML = (name: string) => `name: ${name}
runtime:
    name: nodejs
    options:
        typescript: false
`;

/** How many resources: `BENCH_COUNT` in the program's environment. */
const COUNT = 'const count = Number(process.env.BENCH_COUNT ?? "1");';

function snapshotsProgram(requirePath: string): string {
    return `const { DiskSnapshot } = require(${JSON.stringify(requirePath)});
${COUNT}
const snapshots = [];
for (let i = 0; i < count; i++) {
    snapshots.push(new DiskSnapshot(\`snap-\${i}\`, { diskName: "Disk-1", tags: { bench: "engine" } }));
}
module.exports = { count: snapshots.length };
`;
}

/** The region the lifecycle program copies its snapshots to. */
export const COPY_REGION = "us-west-2";

const LIFECYCLE_PROGRAM = `const { DiskFromSnapshot, DiskSnapshot, DiskSnapshotCopy } = require("pulumi-lightsail-disk-snapshot");
${COUNT}
const tags = { bench: "scale" };
const counts = { snapshots: 0, copies: 0, restores: 0 };
for (let i = 0; i < count; i++) {
    const snapshot = new DiskSnapshot(\`snap-\${i}\`, { diskName: "Disk-1", tags });
    counts.snapshots++;
    new DiskSnapshotCopy(\`copy-\${i}\`, {
        sourceSnapshotName: snapshot.diskSnapshotName,
        sourceRegion: "us-east-1",
        region: "${COPY_REGION}",
        tags,
    });
    counts.copies++;
    if (i < Math.floor(count / 2)) {
        new DiskFromSnapshot(\`disk-\${i}\`, {
            diskSnapshotName: snapshot.diskSnapshotName,
            availabilityZone: "us-east-1a",
            tags,
        });
        counts.restores++;
    }
}
module.exports = counts;
`;

const NOOP_PROGRAM = `const pulumi = require("@pulumi/pulumi");
${COUNT}
const provider = {
    async create(inputs) {
        return { id: inputs.label, outs: inputs };
    },
    async delete() {},
};
class Noop extends pulumi.dynamic.Resource {
    constructor(name, args, opts) {
        super(provider, name, args, opts);
    }
}
const things = [];
for (let i = 0; i < count; i++) {
    things.push(new Noop(\`noop-\${i}\`, { label: \`noop-\${i}\`, tags: { bench: "engine" } }));
}
module.exports = { count: things.length };
`;

const NOOP_SHAPED_PROGRAM = `const pulumi = require("@pulumi/pulumi");
${COUNT}
const OUTPUTS = ["diskSnapshotName", "arn", "state", "progress", "sizeInGb", "createdAt", "fromDiskName", "fromDiskArn",
    "fromInstanceName", "fromInstanceArn", "isFromAutoSnapshot", "location", "resourceType", "supportCode", "tags",
    "region", "diskName", "instanceName", "timeouts", "adopt"];
const provider = {
    async create(inputs) {
        const name = inputs.__autoNameBase + "-abcdefg";
        const uuid = "0123abcd-4567-89ef-0123-456789abcdef";
        return {
            id: name,
            outs: {
                ...inputs,
                diskSnapshotName: name,
                __autoNamed: true,
                arn: \`arn:aws:lightsail:us-east-1:123456789012:DiskSnapshot/\${uuid}\`,
                state: "completed",
                progress: "100%",
                sizeInGb: 32,
                createdAt: "2026-01-01T00:00:00.000Z",
                fromDiskName: "Disk-1",
                fromDiskArn: \`arn:aws:lightsail:us-east-1:123456789012:Disk/\${uuid}\`,
                isFromAutoSnapshot: false,
                location: { availabilityZone: "all", regionName: "us-east-1" },
                resourceType: "DiskSnapshot",
                supportCode: "123456789012/snap-0123456789abcdef0",
            },
        };
    },
    async delete() {},
};
class Shaped extends pulumi.dynamic.Resource {
    constructor(name, args, opts) {
        const props = {};
        for (const output of OUTPUTS) props[output] = undefined;
        Object.assign(props, args, { region: "us-east-1", __autoNameBase: name });
        super(provider, name, props, opts, "lightsail", "DiskSnapshot");
    }
}
const things = [];
for (let i = 0; i < count; i++) {
    things.push(new Shaped(\`snap-\${i}\`, { diskName: "Disk-1", tags: { bench: "engine" } }));
}
module.exports = { count: things.length };
`;

/**
 * Writes a program folder and returns it.
 *
 * @param parent Where to put it: the consumer folder for `package` and `noop` (so the installed
 *   package and `@pulumi/pulumi` resolve from its node_modules); for `source`, a folder inside the
 *   repository (so `@pulumi/pulumi` resolves from the repository's node_modules, the same version).
 * @param kind Which program.
 * @param sourceEntry For `source`: the absolute path of the built `provider/index.js`.
 */
export function writeProgram(parent: string, kind: ProgramKind, sourceEntry?: string): string {
    const dir = path.join(parent, `bench-${kind}-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), PULUMI_YAML(`bench-${kind}`));
    const programs: Record<ProgramKind, () => string> = {
        noop: () => NOOP_PROGRAM,
        "noop-shaped": () => NOOP_SHAPED_PROGRAM,
        lifecycle: () => LIFECYCLE_PROGRAM,
        package: () => snapshotsProgram("pulumi-lightsail-disk-snapshot"),
        source: () => snapshotsProgram(sourceEntry ?? ""),
    };
    const program = programs[kind]();
    fs.writeFileSync(path.join(dir, "index.js"), program);
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: `bench-${kind}`, private: true, main: "index.js" }, null, 4),
    );
    return dir;
}
