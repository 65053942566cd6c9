// The frames a display filter lets through, as a growing array of 0-based frame indices (4 bytes a match, no objects).

export class FilteredView {
  private indices = new Uint32Array(1024);
  count = 0;

  add(frameIndex: number): void {
    if (this.count === this.indices.length) {
      const grown = new Uint32Array(this.indices.length * 2);
      grown.set(this.indices);
      this.indices = grown;
    }
    this.indices[this.count++] = frameIndex;
  }

  at(position: number): number {
    return this.indices[position]!;
  }

  /** The matching frame indices, oldest first (a view: do not keep it across adds). */
  all(): Uint32Array {
    return this.indices.subarray(0, this.count);
  }
}
