/**
 * Target options, described once: each option's default, range or choices, documentation, and CLI flag. One
 * `normalizeOptions` applies every default and checks every range, for the compile and for the early checks of the
 * components and the CLI alike. Errors spell the option as the caller's API does (`priority` on a component,
 * `--azfw-priority` on the CLI).
 */
import { ConfigurationError } from "../errors";
import { OptionSpelling } from "../service/source";

interface Described<T> {
  /** One line for help texts. */
  readonly doc: string;
  readonly default: T;
  /** The CLI flag that sets it, without the dashes. */
  readonly flag: string;
}

export interface IntegerOption extends Described<number> {
  readonly kind: "integer";
  readonly min: number;
  readonly max: number;
}

export interface NumberOption extends Described<number> {
  readonly kind: "number";
  readonly min: number;
  readonly max: number;
}

export interface BooleanOption extends Described<boolean> {
  readonly kind: "boolean";
}

export interface ChoiceOption<C extends string = string> extends Described<C> {
  readonly kind: "choice";
  readonly choices: readonly C[];
}

/** A name fragment ([a-z0-9-], 1-40 characters), such as the prefix of rule names. */
export interface NameOption extends Described<string> {
  readonly kind: "name";
}

export type OptionDescriptor = IntegerOption | NumberOption | BooleanOption | ChoiceOption | NameOption;

/** The descriptor an option of type T takes; a missing or mistyped descriptor is a compile error. */
type DescriptorFor<T> = [T] extends [boolean]
  ? BooleanOption
  : [T] extends [number]
    ? IntegerOption | NumberOption
    : [T] extends [string]
      ? string extends T
        ? NameOption
        : ChoiceOption<T>
      : never;

/** One descriptor for every option of a normalized options type. */
export type OptionDescriptors<N> = { readonly [K in keyof N]-?: DescriptorFor<N[K]> };

/** The options a caller may give: every one optional. */
export type GivenOptions<N> = { readonly [K in keyof N]?: N[K] };

const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

function checkOne(descriptor: OptionDescriptor, value: unknown, spelled: string): void {
  const got = typeof value === "number" ? String(value) : (JSON.stringify(value) ?? String(value));
  switch (descriptor.kind) {
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value) || value < descriptor.min || value > descriptor.max)
        throw new ConfigurationError(
          `${spelled} must be an integer from ${descriptor.min} to ${descriptor.max}, got ${got}.`,
        );
      return;
    case "number":
      if (typeof value !== "number" || !(value >= descriptor.min && value <= descriptor.max))
        throw new ConfigurationError(
          `${spelled} must be a number from ${descriptor.min} to ${descriptor.max}, got ${got}.`,
        );
      return;
    case "boolean":
      if (typeof value !== "boolean") throw new ConfigurationError(`${spelled} must be true or false, got ${got}.`);
      return;
    case "choice":
      if (typeof value !== "string" || !descriptor.choices.includes(value))
        throw new ConfigurationError(`${spelled} must be one of ${descriptor.choices.join(", ")}, got ${got}.`);
      return;
    case "name":
      if (typeof value !== "string" || !NAME.test(value))
        throw new ConfigurationError(
          `${spelled} must be 1-40 characters of a-z, 0-9 and '-', starting with a letter or digit, got ${got}.`,
        );
      return;
  }
}

/**
 * Applies every default and checks every given value against its descriptor. Unknown keys are ignored (a component's
 * args carry other targets' and the model's options too).
 */
export function normalizeOptions<N>(
  descriptors: OptionDescriptors<N>,
  given: GivenOptions<N> | undefined,
  spell: OptionSpelling,
): N {
  const out: Record<string, unknown> = {};
  for (const [key, descriptor] of Object.entries(descriptors) as Array<[string, OptionDescriptor]>) {
    const value = (given as Record<string, unknown> | undefined)?.[key];
    if (value === undefined || value === null) {
      out[key] = descriptor.default;
      continue;
    }
    checkOne(descriptor, value, spell(key));
    out[key] = value;
  }
  return out as N;
}

/**
 * A flag's text as the option's value: numbers parsed strictly (an empty or partial number is refused with the
 * range), booleans given as present. The value is then checked by `normalizeOptions`.
 */
export function optionFromFlag(descriptor: OptionDescriptor, text: string | boolean, flag: string): unknown {
  if (descriptor.kind === "boolean") return text === true || text === "true";
  const value = String(text);
  if (descriptor.kind === "integer" || descriptor.kind === "number") {
    const trimmed = value.trim();
    const n = trimmed === "" ? Number.NaN : Number(trimmed);
    if (!Number.isFinite(n))
      throw new ConfigurationError(
        `--${flag} takes ${descriptor.kind === "integer" ? "an integer" : "a number"} from ${descriptor.min} to ${descriptor.max}, got ${JSON.stringify(value)}.`,
      );
    return n;
  }
  return value;
}
