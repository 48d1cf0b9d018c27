/**
 * examples/aws-lightsail-stack with `pulumi.runtime.setMocks`: the `@pulumi/aws` provider plugin
 * cannot be fetched offline, so the program runs in this process against a mock resource monitor
 * that records every registration. Checks what the DiskSnapshot receives (the Disk's name, the
 * region, the tags) and what it depends on (the Disk through `diskName`, the attachment through
 * `dependsOn`).
 *
 * The program is loaded from its source as users write it; its import of the package name is
 * pointed at the library's source (provider/index.ts), so one copy of `@pulumi/pulumi` (the
 * repository's, shared with `@pulumi/aws`) holds the mocks.
 */

import assert from "node:assert/strict";
import Module from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { PACKAGE_NAME, REPO_ROOT } from "../../harness/repo";
import { DISK_FROM_SNAPSHOT_TYPE, DISK_SNAPSHOT_TYPE } from "../../provider";

const EXAMPLE = path.join(REPO_ROOT, "examples", "aws-lightsail-stack", "index.ts");
const PACKAGE_SOURCE = path.join(REPO_ROOT, "provider", "index.ts");
const PROJECT = "lightsail-stack-with-snapshot";
const STACK = "dev";
const REGION = "eu-west-2";
const ACCOUNT = "123456789012";

const TYPES = {
    instance: "aws:lightsail/instance:Instance",
    disk: "aws:lightsail/disk:Disk",
    attachment: "aws:lightsail/disk_attachment:Disk_attachment",
    snapshot: DISK_SNAPSHOT_TYPE,
    restored: DISK_FROM_SNAPSHOT_TYPE,
} as const;

/** One RegisterResource request, as the mock monitor received it. */
interface Registration {
    type: string;
    name: string;
    urn: string;
    inputs: Record<string, unknown>;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
}

/** The subset of the generated RegisterResourceRequest class this test reads. */
interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): {
        forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void;
    };
}

function urnOf(type: string, name: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

/** Mocks standing in for the AWS provider and the dynamic provider: outputs are inputs plus what AWS would add. */
class LightsailMocks implements pulumi.runtime.Mocks {
    readonly inputs = new Map<string, Record<string, unknown>>();
    /** What each resource's mock answered, by URN: the outputs the program's exports must come from. */
    readonly states = new Map<string, Record<string, unknown>>();

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const result = this.answer(args);
        this.states.set(urnOf(args.type, args.name), { id: result.id, ...result.state });
        return result;
    }

    private answer(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult & { id: string } {
        this.inputs.set(urnOf(args.type, args.name), args.inputs);
        const state: Record<string, unknown> = { ...args.inputs };
        switch (args.type) {
            case TYPES.instance:
            case TYPES.disk: {
                // What the provider's auto-naming would produce.
                const name = (args.inputs.name as string | undefined) ?? `${args.name}-4f2a9c1`;
                const kind = args.type === TYPES.disk ? "Disk" : "Instance";
                Object.assign(state, { name, arn: `arn:aws:lightsail:${REGION}:${ACCOUNT}:${kind}/${name}` });
                return { id: name, state };
            }
            case TYPES.attachment:
                return { id: `${args.inputs.diskName},${args.inputs.instanceName}`, state };
            case TYPES.snapshot: {
                const name = `${args.name}-b7d01e`;
                Object.assign(state, {
                    diskSnapshotName: name,
                    arn: `arn:aws:lightsail:${REGION}:${ACCOUNT}:DiskSnapshot/${name}`,
                    state: "completed",
                    fromDiskName: args.inputs.diskName,
                });
                return { id: name, state };
            }
            case TYPES.restored: {
                const name = `${args.name}-c3e5f70`;
                Object.assign(state, { diskName: name, state: "available", isAttached: false });
                return { id: name, state };
            }
            default:
                return { id: `${args.name}-id`, state };
        }
    }

    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
        return args.inputs;
    }
}

/** Resolves an output's value (never unknown here: mocks run as an update, not a preview). */
function settle<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Loads the example with the package name pointing at the library's source. */
function loadExample(): Record<string, pulumi.Output<unknown>> {
    const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
    const original = loader._resolveFilename;
    loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
        return request === PACKAGE_NAME ? PACKAGE_SOURCE : original.call(this, request, ...rest);
    };
    try {
        return require(EXAMPLE) as Record<string, pulumi.Output<unknown>>;
    } finally {
        loader._resolveFilename = original;
    }
}

describe("examples/aws-lightsail-stack with mocks", function () {
    // Loading @pulumi/aws and serializing the dynamic provider from source take a few seconds.
    this.timeout(120_000);

    const mocks = new LightsailMocks();
    const registrations = new Map<string, Registration>();
    let outputs: Record<string, unknown> = {};
    let savedConfig: Record<string, string>;

    before(async () => {
        savedConfig = pulumi.runtime.allConfig();
        pulumi.runtime.setAllConfig({ "aws:region": REGION });
        await pulumi.runtime.setMocks(mocks, PROJECT, STACK, false);

        // Record the dependencies of each registration: the Mocks interface does not show them.
        const monitor = settings.getMonitor() as unknown as {
            registerResource(req: RegisterResourceRequest, callback: (...args: unknown[]) => void): Promise<void>;
        };
        const registerResource = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req, callback) => {
            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((value, key) => {
                propertyDependencies[key] = [...value.getUrnsList()].sort();
            });
            const urn = urnOf(req.getType(), req.getName());
            const record: Registration = {
                type: req.getType(),
                name: req.getName(),
                urn,
                inputs: {},
                dependencies: [...req.getDependenciesList()].sort(),
                propertyDependencies,
            };
            registrations.set(urn, record);
            return registerResource(req, (...args: unknown[]) => {
                record.inputs = mocks.inputs.get(urn) ?? {};
                callback(...args);
            });
        };

        const program = loadExample();
        const entries = await Promise.all(
            Object.entries(program).map(async ([key, output]) => [key, await settle(output)] as const),
        );
        outputs = Object.fromEntries(entries);
    });

    after(() => {
        // Leave no mocks or config behind for the suites that run later in this process.
        settings.resetOptions("", "", -1, "", "", false, "");
        pulumi.runtime.setAllConfig(savedConfig);
    });

    const registration = (type: string, name: string): Registration => {
        const found = registrations.get(urnOf(type, name));
        assert.ok(found, `${type} ${name} was not registered; got ${[...registrations.keys()].join(", ")}`);
        return found;
    };

    it("declares the instance, the disk, the attachment and the snapshot", () => {
        const declared = [...registrations.values()]
            .filter((r) => r.type !== "pulumi:pulumi:Stack")
            .map((r) => `${r.type}::${r.name}`)
            .sort();
        assert.deepEqual(
            declared,
            [
                `${TYPES.attachment}::data`,
                `${TYPES.attachment}::restored`,
                `${TYPES.disk}::data`,
                `${TYPES.instance}::web`,
                `${TYPES.restored}::restored`,
                `${TYPES.snapshot}::data`,
            ].sort(),
        );
    });

    it("attaches the Disk to the Instance by their names", () => {
        const attachment = registration(TYPES.attachment, "data");
        assert.equal(attachment.inputs.diskName, "data-4f2a9c1");
        assert.equal(attachment.inputs.instanceName, "web-4f2a9c1");
        assert.equal(attachment.inputs.diskPath, "/dev/xvdf");
        assert.deepEqual(attachment.propertyDependencies.diskName, [urnOf(TYPES.disk, "data")]);
        assert.deepEqual(attachment.propertyDependencies.instanceName, [urnOf(TYPES.instance, "web")]);
        const disk = registration(TYPES.disk, "data");
        assert.equal(disk.inputs.availabilityZone, `${REGION}a`);
        assert.equal(disk.inputs.sizeInGb, 8);
    });

    it("snapshots the Disk by its name, in the stack's region, with the tags", () => {
        const snapshot = registration(TYPES.snapshot, "data");
        assert.equal(snapshot.inputs.diskName, "data-4f2a9c1");
        assert.equal(snapshot.inputs.instanceName, undefined);
        assert.equal(snapshot.inputs.region, REGION);
        assert.deepEqual(snapshot.inputs.tags, { app: "wordpress", stack: STACK, source: "pulumi" });
        assert.equal(typeof snapshot.inputs.__provider, "string", "the serialized dynamic provider");
    });

    it("depends on the Disk through diskName and on the attachment through dependsOn", () => {
        const snapshot = registration(TYPES.snapshot, "data");
        assert.deepEqual(snapshot.propertyDependencies.diskName, [urnOf(TYPES.disk, "data")]);
        assert.deepEqual(snapshot.propertyDependencies.region ?? [], []);
        assert.ok(
            snapshot.dependencies.includes(urnOf(TYPES.attachment, "data")),
            `dependencies: ${snapshot.dependencies.join(", ")}`,
        );
        assert.ok(snapshot.dependencies.includes(urnOf(TYPES.disk, "data")));
        assert.ok(!snapshot.dependencies.includes(urnOf(TYPES.instance, "web")), "only through the attachment");
    });

    it("restores the snapshot in the instance's zone and attaches the copy through @pulumi/aws", () => {
        const restored = registration(TYPES.restored, "restored");
        assert.equal(restored.inputs.diskSnapshotName, "data-b7d01e");
        assert.equal(restored.inputs.availabilityZone, `${REGION}a`);
        assert.equal(restored.inputs.attachTo, undefined, "the attachment is @pulumi/aws's");
        assert.deepEqual(restored.propertyDependencies.diskSnapshotName, [urnOf(TYPES.snapshot, "data")]);
        const attachment = registration(TYPES.attachment, "restored");
        assert.equal(attachment.inputs.diskName, "restored-c3e5f70");
        assert.equal(attachment.inputs.instanceName, "web-4f2a9c1");
        assert.equal(attachment.inputs.diskPath, "/dev/xvdg");
        assert.deepEqual(attachment.propertyDependencies.diskName, [urnOf(TYPES.restored, "restored")]);
    });

    it("exports each name, the snapshot's ARN and state from the resource they describe", () => {
        const state = (type: string, name: string) => {
            const found = mocks.states.get(urnOf(type, name));
            assert.ok(found, `${type} ${name} has no state`);
            return found;
        };
        const snapshot = state(TYPES.snapshot, "data");
        assert.deepEqual(outputs, {
            instanceName: state(TYPES.instance, "web").name,
            diskName: state(TYPES.disk, "data").name,
            snapshotName: snapshot.diskSnapshotName,
            snapshotArn: snapshot.arn,
            snapshotState: snapshot.state,
            restoredDiskName: state(TYPES.restored, "restored").diskName,
            restoredAttachmentId: state(TYPES.attachment, "restored").id,
        });
        // Each resource's mock answers differently, so a wire crossed in the program shows here.
        assert.equal(new Set(Object.values(outputs)).size, Object.keys(outputs).length);
    });
});
