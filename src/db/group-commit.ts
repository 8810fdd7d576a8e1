/**
 * Group commit: the same statement asked for by many updates at once (a polling batch of 100, a
 * storm of presses) runs once for all of them. A call waits only while `inFlight` statements are
 * already running: the first caller goes at the next turn of the event loop, the ones arriving
 * meanwhile go together when a statement returns. A failed statement fails every caller in it
 * (each then retries on its own, as before).
 */
export class GroupCommit<Input, Output> {
  private waiting: { input: Input; resolve: (output: Output) => void; reject: (error: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    /** One statement for the inputs; returns one output per input, in their order. */
    private readonly run: (inputs: readonly Input[]) => Promise<readonly Output[]>,
    private readonly options: { readonly maxBatch: number; readonly inFlight: number } = { maxBatch: 500, inFlight: 2 },
  ) {}

  submit(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.options.inFlight || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.running >= this.options.inFlight || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.options.maxBatch);
    this.running++;
    this.run(batch.map((item) => item.input))
      .then(
        (outputs) => batch.forEach((item, i) => item.resolve(outputs[i] as Output)),
        (error: unknown) => batch.forEach((item) => item.reject(error)),
      )
      .finally(() => {
        this.running--;
        this.schedule();
      });
  }
}
