import * as pulumi from "@pulumi/pulumi";

/** A resource the mocks saw, with the options the component gave it (recorded by a transformation). */
export interface Created {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

export interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly dependsOn: string[];
}

/** Installs Pulumi mocks that record every resource and answer with its inputs (plus an id and, for AWS, an ARN). */
export async function installMocks(
  preview = false,
  omit: (args: pulumi.runtime.MockResourceArgs) => string[] = () => [],
): Promise<Created[]> {
  const created: Created[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        created.push({ type: args.type, name: args.name, inputs: args.inputs });
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type.startsWith("aws:"))
          state.arn = `arn:aws:network-firewall:eu-west-1:123456789012:stateful-rulegroup/${args.name}`;
        for (const key of omit(args)) delete state[key];
        return { id: preview ? "" : `${args.name}-id`, state };
      },
      call(args) {
        return args.inputs;
      },
    },
    "project",
    "stack",
    preview,
  );
  return created;
}

/**
 * A transformation that records each child's type, name, parent and dependsOn. Legacy transformations pass from a
 * component to its children, so giving it to the top component records the whole tree.
 */
export function recorder(into: Recorded[]): pulumi.ResourceTransformation {
  return (args) => {
    const dependsOn = args.opts.dependsOn;
    const list = dependsOn === undefined ? [] : Array.isArray(dependsOn) ? dependsOn : [dependsOn];
    into.push({
      type: args.type,
      name: args.name,
      ...(args.opts.parent ? { parent: (args.opts.parent as unknown as { __name?: string }).__name ?? "?" } : {}),
      dependsOn: list.map((d) => (d as unknown as { __name?: string }).__name ?? "?"),
    });
    return undefined;
  };
}

/** Resolves once the condition holds (checked every 10 ms), or fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The value of an output. Never resolves for an unknown output (in preview): await only known ones. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}
