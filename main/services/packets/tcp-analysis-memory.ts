// TCP sequence analysis for a held capture: records each segment's notes in capture order, and gives them back when it is dissected again.
import { TcpSequenceAnalysis, type TcpAnalysisLookup, type TcpAnalysisNote, type TcpSegmentFacts } from '../dissect/tcp-sequence-analysis';

export class TcpAnalysisRecorder implements TcpAnalysisLookup {
  private readonly analysis = new TcpSequenceAnalysis();
  /** The notes of the last segment analysed, until taken. */
  private lastNote: TcpAnalysisNote | undefined;

  analyze(segment: TcpSegmentFacts): TcpAnalysisNote | undefined {
    this.lastNote = this.analysis.analyze(segment);
    return this.lastNote;
  }

  /** The last segment's notes, cleared for the next frame. */
  takeLastNote(): TcpAnalysisNote | undefined {
    const note = this.lastNote;
    this.lastNote = undefined;
    return note;
  }
}

export class TcpAnalysisReplay implements TcpAnalysisLookup {
  /** The notes the frame being dissected again got the first time (notes are rare: most frames have none). */
  next: TcpAnalysisNote | undefined;

  analyze(): TcpAnalysisNote | undefined {
    const note = this.next;
    this.next = undefined;
    return note;
  }
}
