// DAP breakpoint ids that outlive gdb's numbers: a restart places the same breakpoints again under new gdb numbers.

export class BreakpointIds {
  private nextId = 1;
  /** `group` → the DAP ids of its breakpoints, by position in the group's last request. */
  private readonly byGroup = new Map<string, number[]>();
  private readonly fromGdb = new Map<number, number>();

  /**
   * Ids for a group's breakpoints: the ones given last time to the same positions when `keep` (a restart placing them
   * again, or gdb numbers alone changing), new ones otherwise. `gdbNumbers[i]` is what gdb gave position i, if placed.
   */
  assign(group: string, gdbNumbers: (number | undefined)[], keep: boolean): number[] {
    const previous = keep ? (this.byGroup.get(group) ?? []) : [];
    const ids = gdbNumbers.map((_, index) => previous[index] ?? this.nextId++);
    this.byGroup.set(group, ids);
    gdbNumbers.forEach((number, index) => {
      if (number !== undefined) this.fromGdb.set(number, ids[index]!);
    });
    return ids;
  }

  /** The DAP ids of the gdb breakpoints a stop names (gdb numbers nobody asked for through DAP are left out). */
  toDap(gdbNumbers: number[]): number[] {
    return gdbNumbers.flatMap((number) => {
      const id = this.fromGdb.get(number);
      return id === undefined ? [] : [id];
    });
  }

  /** gdb starts numbering again in a new gdb process. */
  forgetGdbNumbers(): void {
    this.fromGdb.clear();
  }
}
