/**
 * Every input a program declares reaches the checked inputs the resource works from: for each
 * resource, valid declarations that between them use every input of its schema, checked with no
 * previous inputs (a create).
 */

import assert from "node:assert/strict";
import { checkAutoSnapshots } from "../../provider/resources/autoSnapshots/check";
import { autoSnapshotsSchema } from "../../provider/resources/autoSnapshots/schema";
import { checkDiskFromSnapshot } from "../../provider/resources/diskFromSnapshot/check";
import { diskFromSnapshotSchema } from "../../provider/resources/diskFromSnapshot/schema";
import { checkDiskSnapshot } from "../../provider/resources/diskSnapshot/check";
import { diskSnapshotSchema } from "../../provider/resources/diskSnapshot/schema";
import { checkDiskSnapshotCopy } from "../../provider/resources/diskSnapshotCopy/check";
import { diskSnapshotCopySchema } from "../../provider/resources/diskSnapshotCopy/schema";
import { inputNames, type ResourceSchema } from "../../provider/schema";

type Check = (news: Record<string, unknown>) => { ok: boolean; inputs?: object; failures?: unknown };
const random = () => 0.5;
const region = "us-east-1";

const resources: { schema: ResourceSchema; check: Check; declarations: Record<string, unknown>[] }[] = [
    {
        schema: diskSnapshotSchema,
        check: (news) => checkDiskSnapshot(undefined, news, random),
        declarations: [
            {
                diskName: "Disk-1",
                diskSnapshotName: "data-1",
                tags: { team: "data" },
                region,
                timeouts: { create: "2h", delete: "10m" },
                adopt: true,
            },
            { instanceName: "Web-1", region },
        ],
    },
    {
        schema: autoSnapshotsSchema,
        check: (news) => checkAutoSnapshots(news),
        declarations: [
            { diskName: "Disk-1", snapshotTimeOfDay: "06:00", region, timeouts: { create: "1h" } },
            { instanceName: "Web-1", snapshotTimeOfDay: "23:00", region },
        ],
    },
    {
        schema: diskFromSnapshotSchema,
        check: (news) => checkDiskFromSnapshot(undefined, news, random),
        declarations: [
            {
                diskSnapshotName: "nightly-1",
                availabilityZone: "us-east-1a",
                sizeInGb: 64,
                attachTo: { instanceName: "Web-1", diskPath: "/dev/xvdf" },
                diskName: "restored-1",
                tags: { team: "data" },
                region,
                timeouts: { create: "1h", delete: "10m" },
                adopt: true,
            },
            { sourceDiskName: "Disk-1", restoreDate: "2026-11-30", availabilityZone: "us-east-1b", region },
            { sourceDiskName: "Disk-1", useLatestRestorableAutoSnapshot: true, availabilityZone: "us-east-1a", region },
        ],
    },
    {
        schema: diskSnapshotCopySchema,
        check: (news) => checkDiskSnapshotCopy(undefined, news, random),
        declarations: [
            {
                sourceSnapshotName: "data-1",
                sourceRegion: region,
                diskSnapshotName: "copy-1",
                tags: { team: "data" },
                region: "us-west-2",
                timeouts: { create: "3h" },
                adopt: false,
            },
            { sourceDiskName: "Disk-1", restoreDate: "2026-11-30", sourceRegion: region, region: "us-west-2" },
            {
                sourceDiskName: "Disk-1",
                useLatestRestorableAutoSnapshot: true,
                sourceRegion: region,
                region: "eu-west-1",
            },
        ],
    },
];

describe("checked inputs", () => {
    for (const { schema, check, declarations } of resources) {
        it(`${schema.name}: keep every declared input, and the declarations here use them all`, () => {
            const used = new Set<string>();
            for (const news of declarations) {
                const outcome = check(news);
                assert.equal(outcome.ok, true, JSON.stringify(outcome.failures));
                for (const [property, value] of Object.entries(news)) {
                    used.add(property);
                    assert.deepEqual((outcome.inputs as Record<string, unknown>)[property], value, property);
                }
            }
            assert.deepEqual(
                inputNames(schema).filter((name) => !used.has(name)),
                [],
                "inputs no declaration here uses",
            );
        });
    }
});
