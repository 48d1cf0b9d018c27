"""The generated Python SDK (pulumi_lightsail_snapshots) under pulumi.runtime.set_mocks.

Each resource constructs, its inputs reach the mock under the schema's property names and type
token, and its outputs come back as the types the schema gives them (an int, a nested object with
its fields under their Python names, a map of tags). The explicit Provider is the package's provider resource, and the package's
functions are invoked by their tokens with typed results. Run by test/sdks/sdks.test.ts, with the
SDK generated from the plugin's schema installed next to the `pulumi` package from PyPI.
"""

import pulumi

REGISTERED = {}
INVOKED = {}


class PluginMocks(pulumi.runtime.Mocks):
    """A mock plugin: outputs are the inputs plus what Lightsail would report."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        REGISTERED[(args.typ, args.name)] = args
        if args.typ == "pulumi:providers:lightsail-snapshots":
            return ["provider-id", dict(args.inputs)]
        resource_id = f"{args.name}-1a2b3c4"
        kind = args.typ.split(":")[-1]
        state = dict(args.inputs)
        state.update(
            arn=f"arn:aws:lightsail:us-east-1:123456789012:{kind}/{resource_id}",
            sizeInGb=8,
            location={"availabilityZone": "all", "regionName": "us-east-1"},
        )
        return [resource_id, state]

    def call(self, args: pulumi.runtime.MockCallArgs):
        INVOKED[args.token] = dict(args.args)
        return {
            "diskSnapshotName": args.args.get("diskSnapshotName", "nightly-1"),
            "sizeInGb": 16,
            "state": "completed",
            "location": {"availabilityZone": "all", "regionName": "us-east-1"},
        }


pulumi.runtime.set_mocks(PluginMocks(), project="python-sdk", stack="dev", preview=False)

import pulumi_lightsail_snapshots as lightsail  # noqa: E402 (after the mocks, as Pulumi's docs do)
from pulumi_lightsail_snapshots import outputs  # noqa: E402


def token(name):
    return f"lightsail-snapshots:index:{name}"


@pulumi.runtime.test
def test_disk_snapshot_inputs_reach_the_mock_and_outputs_come_back_typed():
    snapshot = lightsail.DiskSnapshot("data", disk_name="Disk-1", tags={"team": "storage"})

    def check(values):
        resource_id, arn, size, location, tags = values
        assert resource_id == "data-1a2b3c4"
        assert arn == "arn:aws:lightsail:us-east-1:123456789012:DiskSnapshot/data-1a2b3c4"
        assert isinstance(size, int) and size == 8
        # A nested object comes back with its fields under their Python names.
        assert dict(location) == {"availability_zone": "all", "region_name": "us-east-1"}
        assert tags == {"team": "storage"}
        inputs = REGISTERED[(token("DiskSnapshot"), "data")].inputs
        assert inputs == {"diskName": "Disk-1", "tags": {"team": "storage"}}

    return pulumi.Output.all(snapshot.id, snapshot.arn, snapshot.size_in_gb, snapshot.location, snapshot.tags).apply(
        check
    )


@pulumi.runtime.test
def test_the_other_resources_construct_with_their_inputs():
    auto = lightsail.AutoSnapshots("auto", disk_name="Disk-1", snapshot_time_of_day="06:00")
    restored = lightsail.DiskFromSnapshot(
        "restored",
        disk_snapshot_name="nightly-1",
        availability_zone="us-east-1a",
        attach_to=lightsail.DiskAttachmentArgs(instance_name="WordPress-1", disk_path="/dev/xvdf"),
    )
    copy = lightsail.DiskSnapshotCopy("dr", source_snapshot_name="nightly-1", source_region="us-east-1")

    def check(values):
        attached_to, copy_arn = values
        assert REGISTERED[(token("AutoSnapshots"), "auto")].inputs == {
            "diskName": "Disk-1",
            "snapshotTimeOfDay": "06:00",
        }
        assert REGISTERED[(token("DiskFromSnapshot"), "restored")].inputs == {
            "diskSnapshotName": "nightly-1",
            "availabilityZone": "us-east-1a",
            "attachTo": {"instanceName": "WordPress-1", "diskPath": "/dev/xvdf"},
        }
        assert dict(attached_to) == {"instance_name": "WordPress-1", "disk_path": "/dev/xvdf"}
        assert copy_arn.endswith(":DiskSnapshotCopy/dr-1a2b3c4")

    return pulumi.Output.all(restored.attach_to, copy.arn, auto.id).apply(lambda v: check(v[:2]))


@pulumi.runtime.test
def test_an_explicit_provider_is_the_packages_provider_resource():
    west = lightsail.Provider("west", region="us-west-2", endpoint="http://127.0.0.1:4566")
    snapshot = lightsail.DiskSnapshot("west-data", disk_name="Disk-1", opts=pulumi.ResourceOptions(provider=west))

    def check(_):
        assert REGISTERED[("pulumi:providers:lightsail-snapshots", "west")].inputs == {
            "region": "us-west-2",
            "endpoint": "http://127.0.0.1:4566",
        }
        # A provider reference is the provider's URN and ID.
        assert REGISTERED[(token("DiskSnapshot"), "west-data")].provider.endswith(
            "pulumi:providers:lightsail-snapshots::west::provider-id"
        )

    return snapshot.id.apply(check)


def test_functions_are_invoked_by_token_with_typed_results():
    found = lightsail.get_disk_snapshot(disk_snapshot_name="nightly-1", region="us-east-1")
    assert INVOKED[token("getDiskSnapshot")] == {"diskSnapshotName": "nightly-1", "region": "us-east-1"}
    assert found.size_in_gb == 16 and found.state == "completed"
    assert isinstance(found.location, outputs.SnapshotLocation)
