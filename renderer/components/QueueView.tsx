import { BatchOptionsPanel } from './BatchOptionsPanel';
import { CleanupNotice } from './CleanupNotice';
import { QueueGrid } from './QueueGrid';
import { QueueToolbar } from './QueueToolbar';
import { SelectionBar } from './SelectionBar';
import { TotalsBar } from './TotalsBar';

export function QueueView() {
  return (
    <div className="queue-view">
      <BatchOptionsPanel />
      <TotalsBar />
      <CleanupNotice />
      <QueueToolbar />
      <SelectionBar />
      <QueueGrid />
    </div>
  );
}
