/**
 * The small catalogue of bundles and blueprints `CreateInstances` accepts.
 *
 * @module
 */

/** Hardware of an instance bundle. */
export interface Bundle {
    /** Number of vCPUs. */
    cpuCount: number;
    /** RAM in GB. */
    ramSizeInGb: number;
    /** System disk size in GB. */
    diskSizeInGb: number;
    /** Monthly transfer allowance in GB. */
    transferPerMonthInGb: number;
}

/** Linux bundles by id (the `_2_0` and `_3_0` generations). */
export const BUNDLES: Readonly<Record<string, Bundle>> = {
    nano_2_0: { cpuCount: 1, ramSizeInGb: 0.5, diskSizeInGb: 20, transferPerMonthInGb: 1024 },
    micro_2_0: { cpuCount: 1, ramSizeInGb: 1, diskSizeInGb: 40, transferPerMonthInGb: 2048 },
    small_2_0: { cpuCount: 1, ramSizeInGb: 2, diskSizeInGb: 60, transferPerMonthInGb: 3072 },
    medium_2_0: { cpuCount: 2, ramSizeInGb: 4, diskSizeInGb: 80, transferPerMonthInGb: 4096 },
    large_2_0: { cpuCount: 2, ramSizeInGb: 8, diskSizeInGb: 160, transferPerMonthInGb: 5120 },
    nano_3_0: { cpuCount: 2, ramSizeInGb: 0.5, diskSizeInGb: 20, transferPerMonthInGb: 1024 },
    micro_3_0: { cpuCount: 2, ramSizeInGb: 1, diskSizeInGb: 40, transferPerMonthInGb: 2048 },
    small_3_0: { cpuCount: 2, ramSizeInGb: 2, diskSizeInGb: 60, transferPerMonthInGb: 3072 },
    medium_3_0: { cpuCount: 2, ramSizeInGb: 4, diskSizeInGb: 80, transferPerMonthInGb: 4096 },
    large_3_0: { cpuCount: 2, ramSizeInGb: 8, diskSizeInGb: 160, transferPerMonthInGb: 5120 },
};

/** Blueprint display names and default user names by blueprint id. */
export const BLUEPRINTS: Readonly<Record<string, { name: string; username: string }>> = {
    amazon_linux_2023: { name: "Amazon Linux 2023", username: "ec2-user" },
    amazon_linux_2: { name: "Amazon Linux 2", username: "ec2-user" },
    ubuntu_20_04: { name: "Ubuntu", username: "ubuntu" },
    ubuntu_22_04: { name: "Ubuntu", username: "ubuntu" },
    ubuntu_24_04: { name: "Ubuntu", username: "ubuntu" },
    debian_11: { name: "Debian", username: "admin" },
    debian_12: { name: "Debian", username: "admin" },
    centos_stream_9: { name: "CentOS Stream", username: "centos" },
    wordpress: { name: "WordPress", username: "bitnami" },
    lamp_8_bitnami: { name: "LAMP (PHP 8)", username: "bitnami" },
    nginx: { name: "Nginx", username: "bitnami" },
};
