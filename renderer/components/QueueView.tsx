import { BatchOptionsPanel } from './BatchOptionsPanel';
import { QueueGrid } from './QueueGrid';
import { QueueToolbar } from './QueueToolbar';
import { SelectionBar } from './SelectionBar';
import { TotalsBar } from './TotalsBar';

export function QueueView() {
  return (
    <div className="queue-view">
      <BatchOptionsPanel />
      <TotalsBar />
      <QueueToolbar />
      <SelectionBar />
      <QueueGrid />
    </div>
  );
}
