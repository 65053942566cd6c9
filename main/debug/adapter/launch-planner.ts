// The adapter's seam to the targets: turns a `launch` request into a LaunchPlan (which target, which argv, how to stop).
import type { LaunchArguments, LaunchPlan } from '../../api/launch-protocol';

export interface PlanRequest {
  launch: LaunchArguments;
  /** Relative image paths resolve against it (the launch's `cwd`, else the adapter's working folder). */
  workspaceFolder: string;
  /** A fresh private folder of this launch, for QMP sockets, generated files and captures. */
  runDir: string;
}

/** Rejects with an Error whose message tells the user what is wrong and what to do (unknown target, bad image, ...). */
export type LaunchPlanner = (request: PlanRequest) => Promise<LaunchPlan>;
