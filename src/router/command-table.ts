/** Looks up commands by any of their names and buttons by callback-data prefix. */
import type { ButtonSpec, CommandSpec } from "../core/commands.js";

export class CommandTable {
  private readonly byName = new Map<string, CommandSpec>();
  private readonly byPrefix = new Map<string, ButtonSpec>();

  constructor(
    readonly commands: readonly CommandSpec[],
    readonly buttons: readonly ButtonSpec[] = [],
  ) {
    for (const spec of commands) {
      for (const name of spec.names) {
        if (this.byName.has(name)) throw new Error(`command /${name} is declared twice`);
        this.byName.set(name, spec);
      }
    }
    for (const spec of buttons) {
      if (this.byPrefix.has(spec.prefix)) throw new Error(`button prefix ${spec.prefix} is declared twice`);
      this.byPrefix.set(spec.prefix, spec);
    }
  }

  command(name: string): CommandSpec | undefined {
    return this.byName.get(name);
  }

  /** Callback data is `prefix:payload`. */
  button(data: string): { spec: ButtonSpec; payload: string } | undefined {
    const i = data.indexOf(":");
    const prefix = i === -1 ? data : data.slice(0, i);
    const spec = this.byPrefix.get(prefix);
    return spec ? { spec, payload: i === -1 ? "" : data.slice(i + 1) } : undefined;
  }
}
