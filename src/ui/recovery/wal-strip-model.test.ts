// Goal: the Log view shows a big log as a window of cells plus counts (4,096 records never become 4,096 cells),
// with the checkpoint, the fsync line, the replay cursor, the stop point and each mode's preview stop placed
// between the right records, and arrow keys moving one record at a time.
import { describe, expect, it } from 'vitest';
import type { RecoveryModePreview } from '../../engine/index';
import { fixtureWal } from './wal-fixture';
import { anchorNo, MAX_STRIP_CELLS, moveFocus, stripItems } from './wal-strip-model';

const kinds = (items: ReturnType<typeof stripItems>) =>
  items.map((i) => (i.kind === 'record' ? `#${i.record.no}` : i.kind === 'marker' ? `|${i.marker}` : i.kind));

describe('strip items', () => {
  it('a short log: checkpoint, every record, the fsync line after the last synced one, the cursor before the next', () => {
    const wal = fixtureWal({ count: 6, syncedUpTo: 1208, cursorNo: 1207 });
    expect(kinds(stripItems(wal, { focusNo: null, maxCells: MAX_STRIP_CELLS, previews: [] }))).toEqual([
      'checkpoint',
      '#1205',
      '#1206',
      '|cursor',
      '#1207',
      '#1208',
      '|fsync',
      '#1209',
      '#1210',
    ]);
  });

  it('the stop point and each mode that would stop at a record are marked before it', () => {
    const wal = fixtureWal({ count: 6, syncedUpTo: 1210, stopNo: 1210 });
    const previews: RecoveryModePreview[] = [
      { mode: 'pointInTime', outcome: 'starts', stopNo: 1208, applied: 3, discarded: 2, appliedPastCorruption: 0, summary: '' },
      { mode: 'absoluteConsistency', outcome: 'refuses', stopNo: 1208, applied: 0, discarded: 0, appliedPastCorruption: 0, summary: '' },
      { mode: 'skipAnyCorrupted', outcome: 'starts', stopNo: null, applied: 5, discarded: 0, appliedPastCorruption: 2, summary: '' },
    ];
    const items = stripItems(wal, { focusNo: null, maxCells: MAX_STRIP_CELLS, previews });
    expect(kinds(items)).toEqual(['checkpoint', '#1205', '#1206', '#1207', '|preview', '#1208', '#1209', '|stop', '#1210', '|fsync']);
    const preview = items.find((i) => i.kind === 'marker' && i.marker === 'preview');
    expect(preview).toMatchObject({ modes: ['pointInTime', 'absoluteConsistency'] });
  });

  it('a stop point or cursor past the last record (the torn tail was cut off) sits at the end of the strip', () => {
    const wal = fixtureWal({ count: 4, syncedUpTo: 1208, stopNo: 1209, cursorNo: 1209 });
    expect(kinds(stripItems(wal, { focusNo: null, maxCells: MAX_STRIP_CELLS, previews: [] }))).toEqual([
      'checkpoint',
      '#1205',
      '#1206',
      '#1207',
      '#1208',
      '|fsync',
      '|cursor',
      '|stop',
    ]);
  });

  it('the window and the details anchor on the last record left when the stop point is past it', () => {
    const wal = fixtureWal({ count: 4, syncedUpTo: 1208, stopNo: 1209 });
    expect(anchorNo(wal, null)).toBe(1208);
  });

  it('4,096 records: at most MAX_STRIP_CELLS cells, the rest as counts on either side of the focus', () => {
    const wal = fixtureWal({ count: 4096, syncedUpTo: 1205 + 4094, older: 3000 });
    const items = stripItems(wal, { focusNo: 1205 + 2000, maxCells: 64, previews: [] });
    const cells = items.filter((i) => i.kind === 'record');
    expect(cells).toHaveLength(64);
    expect(items[0]).toMatchObject({ kind: 'checkpoint' });
    expect(items[1]).toMatchObject({ kind: 'segment', records: 3000 });
    const before = items.find((i) => i.kind === 'hidden' && i.side === 'before');
    const after = items.find((i) => i.kind === 'hidden' && i.side === 'after');
    expect(before).toMatchObject({ count: 2000 - 32, firstNo: 1205 });
    expect(after).toMatchObject({ count: 4096 - 2000 - 32, lastNo: 1205 + 4095, damaged: 1 }); // the torn last record
    expect(before).toMatchObject({ damaged: 1 }); // #1,210's checksum
    expect(cells.some((c) => c.kind === 'record' && c.record.no === 1205 + 2000)).toBe(true);
    // Without a focus the window follows the cursor, else the stop point, else the newest records.
    const tail = stripItems(wal, { focusNo: null, maxCells: 64, previews: [] }).filter((i) => i.kind === 'record');
    expect(tail.at(-1)).toMatchObject({ record: { no: 1205 + 4095 } });
  });

  it('builds a 4,096-record window quickly (it runs on every publish while the panel is open)', () => {
    const wal = fixtureWal({ count: 4096, syncedUpTo: 3000 });
    const start = performance.now();
    for (let i = 0; i < 100; i++) stripItems(wal, { focusNo: 1205 + i * 40, maxCells: 64, previews: [] });
    expect((performance.now() - start) / 100).toBeLessThan(2);
  });
});

describe('keyboard', () => {
  it('arrows move one record, Page keys a window, Home/End the ends; moving off an end stays put', () => {
    const wal = fixtureWal({ count: 100 });
    expect(moveFocus(wal, 1210, 'ArrowRight', 64)).toBe(1211);
    expect(moveFocus(wal, 1210, 'ArrowLeft', 64)).toBe(1209);
    expect(moveFocus(wal, 1205, 'ArrowLeft', 64)).toBe(1205);
    expect(moveFocus(wal, 1210, 'End', 64)).toBe(1304);
    expect(moveFocus(wal, 1250, 'Home', 64)).toBe(1205);
    expect(moveFocus(wal, 1210, 'PageDown', 64)).toBe(1274);
    expect(moveFocus(wal, 1210, 'PageUp', 64)).toBe(1205);
    expect(moveFocus(wal, 1210, 'x', 64)).toBeNull();
  });
});
