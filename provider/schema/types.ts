/**
 * The vocabulary resources are described in. A resource's schema lists each property once, with
 * its type, whether the program declares it, whether a change replaces the resource, its default
 * and its one-line doc; the TypeScript types of its inputs, outputs and resource class, the
 * diff's replace list, the echoed outputs, the README tables and the Pulumi package schema are
 * all derived from that one description. Pure data, no I/O.
 */

import type * as pulumi from "@pulumi/pulumi";

/** A string. */
export interface StringType {
    readonly kind: "string";
    /** Allowed values, when the set is closed. */
    readonly enum?: readonly string[];
}
/** A whole number. */
export interface IntegerType {
    readonly kind: "integer";
}
/** True or false. */
export interface BooleanType {
    readonly kind: "boolean";
}
/** A map of string keys to string values (tags). */
export interface StringMapType {
    readonly kind: "stringMap";
}
/** A field of an {@link ObjectType}. */
export interface FieldSpec {
    /** The field's type. */
    readonly type: ValueType;
    /** Whether the field may be absent. */
    readonly optional?: boolean;
    /** One line for users. */
    readonly doc: string;
}
/** A named object type with its own fields (`timeouts`, `location`). */
export interface ObjectType {
    readonly kind: "object";
    /** The type's name in the package schema, e.g. `DiskSnapshotTimeouts`. */
    readonly name: string;
    /** One line for users. */
    readonly doc: string;
    /** Its fields. */
    readonly fields: Readonly<Record<string, FieldSpec>>;
}
/** Any property type. */
export type ValueType = StringType | IntegerType | BooleanType | StringMapType | ObjectType;

/** One property of a resource. */
export interface PropertySpec {
    /** Its type. */
    readonly type: ValueType;
    /**
     * `input`: declared by the program, kept in the state and echoed in the outputs;
     * `output`: reported by AWS only.
     */
    readonly role: "input" | "output";
    /** Inputs: whether the program may leave it out. Outputs: whether it may be absent. */
    readonly optional?: boolean;
    /** Inputs: whether `check` always fills it in (a generated name, a default region), so the checked inputs have it. */
    readonly resolved?: boolean;
    /** Inputs: a change replaces the resource (otherwise it is updated in place). */
    readonly replaces?: boolean;
    /** Inputs: Lightsail reports the value too, so a lookup of an existing resource returns it. */
    readonly reported?: boolean;
    /**
     * Inputs: when the program leaves it out, Lightsail chooses the value (a restored disk's size),
     * and leaving it out is no change, whatever the value is.
     */
    readonly chosenWhenAbsent?: boolean;
    /** Inputs: the value an absent input stands for, when comparing old and new values. */
    readonly absentValue?: unknown;
    /** The default, as users read it. */
    readonly defaultDoc?: string;
    /** One line for users. */
    readonly doc: string;
    /** Further notes for the README's table (allowed values, how changes apply). */
    readonly notes?: string;
}

/** A resource: its type token's name and its properties. */
export interface ResourceSchema {
    /** The resource's name in type tokens, e.g. `DiskSnapshot`. */
    readonly name: string;
    /** What it is, for users. */
    readonly doc: string;
    /** The property that is the resource's ID. */
    readonly idProperty: string;
    /** Every property, each once. */
    readonly properties: Readonly<Record<string, PropertySpec>>;
}

/** The TypeScript type a {@link ValueType} stands for. */
export type ValueOf<T extends ValueType> = T extends StringType
    ? T extends { enum: readonly (infer E extends string)[] }
        ? E
        : string
    : T extends IntegerType
      ? number
      : T extends BooleanType
        ? boolean
        : T extends StringMapType
          ? Record<string, string>
          : T extends ObjectType
            ? FieldsOf<T["fields"]>
            : never;

type OptionalKeys<F> = { [K in keyof F]: F[K] extends { optional: true } ? K : never }[keyof F];
type RequiredKeys<F> = Exclude<keyof F, OptionalKeys<F>>;
type Flatten<T> = { [K in keyof T]: T[K] };

/** The plain object an {@link ObjectType}'s fields describe. */
export type FieldsOf<F extends Readonly<Record<string, FieldSpec>>> = Flatten<
    { -readonly [K in RequiredKeys<F>]: ValueOf<F[K]["type"]> } & {
        -readonly [K in OptionalKeys<F>]?: ValueOf<F[K]["type"]>;
    }
>;

type Props<S extends ResourceSchema> = S["properties"];
type InputKeys<S extends ResourceSchema> = {
    [K in keyof Props<S>]: Props<S>[K]["role"] extends "input" ? K : never;
}[keyof Props<S>];
type Where<S extends ResourceSchema, Keys, Flag extends string> = {
    [K in keyof Props<S>]: K extends Keys ? (Props<S>[K] extends Record<Flag, true> ? K : never) : never;
}[keyof Props<S>];

/** A value as a program may give it: each level may be an Output or a Promise. */
export type InputOf<V> = V extends object ? pulumi.Input<{ [K in keyof V]: InputOf<V[K]> }> : pulumi.Input<V>;

/** What a program passes to the resource's constructor. */
export type ArgsOf<S extends ResourceSchema> = Flatten<
    {
        -readonly [K in Exclude<InputKeys<S>, Where<S, InputKeys<S>, "optional">>]: InputOf<
            ValueOf<Props<S>[K]["type"]>
        >;
    } & {
        -readonly [K in Where<S, InputKeys<S>, "optional">]?: InputOf<ValueOf<Props<S>[K]["type"]>>;
    }
>;

type PresentAfterCheck<S extends ResourceSchema> =
    | Where<S, InputKeys<S>, "resolved">
    | Exclude<InputKeys<S>, Where<S, InputKeys<S>, "optional">>;

/** The inputs after `check`: validated plain values; required and resolved ones always present. */
export type InputsOf<S extends ResourceSchema> = Flatten<
    {
        -readonly [K in PresentAfterCheck<S>]: ValueOf<Props<S>[K]["type"]>;
    } & {
        -readonly [K in Exclude<InputKeys<S>, PresentAfterCheck<S>>]?: ValueOf<Props<S>[K]["type"]>;
    }
>;

/** The resource's outputs as the state holds them: every property, inputs echoed. */
export type OutputsOf<S extends ResourceSchema> = Flatten<
    InputsOf<S> & {
        -readonly [K in Exclude<keyof Props<S>, InputKeys<S> | Where<S, keyof Props<S>, "optional">>]: ValueOf<
            Props<S>[K]["type"]
        >;
    } & {
        -readonly [K in Exclude<Where<S, keyof Props<S>, "optional">, InputKeys<S>>]?: ValueOf<Props<S>[K]["type"]>;
    }
>;

/** The resource class's declared outputs: each property as a `pulumi.Output`. */
export type OutputPropertiesOf<S extends ResourceSchema> = {
    readonly [K in keyof OutputsOf<S>]-?: pulumi.Output<
        undefined extends OutputsOf<S>[K] ? Exclude<OutputsOf<S>[K], undefined> | undefined : OutputsOf<S>[K]
    >;
};

type ReportedKeys<S extends ResourceSchema> = {
    [K in keyof Props<S>]: Props<S>[K]["role"] extends "output"
        ? K
        : Props<S>[K] extends { reported: true }
          ? K
          : never;
}[keyof Props<S>];

/** What a lookup returns of an existing resource: the properties Lightsail reports. */
export type ReportedOf<S extends ResourceSchema> = Flatten<Pick<OutputsOf<S>, ReportedKeys<S> & keyof OutputsOf<S>>>;
