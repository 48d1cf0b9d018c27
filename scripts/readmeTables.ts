/**
 * The README's input and output tables, rendered from the resource schemas, between markers:
 *
 *     <!-- schema:DiskSnapshot:inputs -->  ...  <!-- /schema -->
 *
 * `npx tsx scripts/readmeTables.ts --write` rewrites them in README.md; the unit suite checks
 * that the README holds what this renders, so the docs cannot drift from the schema.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import { RESOURCE_SCHEMAS } from "../provider/resources";
import type { PropertySpec, ResourceSchema, ValueType } from "../provider/schema";

const README = path.join(__dirname, "..", "README.md");
const BLOCK = /<!-- schema:(\w+):(inputs|outputs) -->\n[\s\S]*?<!-- \/schema -->/g;

function typeName(type: ValueType): string {
    switch (type.kind) {
        case "stringMap":
            return "map of string";
        case "object":
            return `\`{ ${Object.entries(type.fields)
                .map(([name, field]) => `${name}${field.optional ? "?" : ""}`)
                .join(", ")} }\``;
        case "string":
            return type.enum ? type.enum.map((value) => `\`${value}\``).join(" | ") : "string";
        default:
            return type.kind;
    }
}

function sentence(text: string): string {
    return text.replace(/\.$/, "");
}

function escapeCell(text: string): string {
    return text.replace(/\|/g, "\\|");
}

function table(header: string[], rows: string[][]): string {
    const cells = [header, ...rows].map((row) => row.map(escapeCell));
    const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => row[i].length)));
    const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
    return [line(cells[0]), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...cells.slice(1).map(line)].join(
        "\n",
    );
}

function inputRow(name: string, spec: PropertySpec): string[] {
    const notes = [sentence(spec.doc)];
    if (spec.notes) notes.push(spec.notes);
    notes.push(spec.replaces ? "replaces" : "updated in place");
    return [`\`${name}\``, typeName(spec.type), spec.defaultDoc ?? "", notes.join("; ")];
}

/** The rendered tables of one resource. */
export function renderTables(schema: ResourceSchema): { inputs: string; outputs: string } {
    const entries = Object.entries(schema.properties);
    const inputs = entries.filter(([, spec]) => spec.role === "input");
    const reported = entries.filter(([, spec]) => spec.role === "output" || spec.reported === true);
    const echoed = inputs.filter(([, spec]) => spec.reported !== true).map(([name]) => `\`${name}\``);
    return {
        inputs: table(
            ["input", "type", "default", "notes"],
            inputs.map(([name, spec]) => inputRow(name, spec)),
        ),
        outputs: `${table(
            ["output", "type", "description"],
            reported.map(([name, spec]) => [`\`${name}\``, typeName(spec.type), sentence(spec.doc)]),
        )}\n\nThe outputs also echo the inputs ${echoed.join(", ")}.`,
    };
}

/** The README with every marked block rendered from the schemas. */
export function renderReadme(text: string): string {
    return text.replace(BLOCK, (_block, resource: string, which: "inputs" | "outputs") => {
        const schema = RESOURCE_SCHEMAS.find((s) => s.name === resource);
        if (!schema) throw new Error(`README.md: no resource schema named ${resource}`);
        return `<!-- schema:${resource}:${which} -->\n${renderTables(schema)[which]}\n<!-- /schema -->`;
    });
}

/** The README's path. */
export const README_PATH = README;

if (require.main === module) {
    const text = fs.readFileSync(README, "utf8");
    const rendered = renderReadme(text);
    if (process.argv.includes("--write")) fs.writeFileSync(README, rendered);
    else process.stdout.write(rendered);
}
