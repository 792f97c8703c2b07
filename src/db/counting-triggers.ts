// Counts kept by the database itself: a small table holding, per key, how many rows of a large table
// satisfy a condition, maintained by statement-level triggers with transition tables (one aggregate
// per statement, COPY included), whatever code writes the large table. Counts move by addition (an
// upsert), so concurrent writers of one key wait for each other's row but never lose an update.
// Used by migrations; the SQL is theirs to run.

export interface CountedRows {
  /** Name of the trigger function and prefix of the triggers. */
  name: string;
  /** The table whose rows are counted. */
  table: string;
  /** The table of counts: `keys` as its primary key, and `column`. */
  counts: string;
  keys: readonly string[];
  column: string;
  /** Which rows of `table` count (an SQL condition over its columns). */
  counted: string;
}

/** The trigger function and the insert, update and delete triggers that keep `counts`. */
export function countingTriggers(c: CountedRows): string {
  const keys = c.keys.join(', ');
  const apply = (changes: string) => `
    insert into ${c.counts} as t (${keys}, ${c.column})
      select ${keys}, sum(change) from (${changes}) c
      group by ${keys} having sum(change) <> 0
      -- Keys in order, so statements touching the same keys lock them in the same order.
      order by ${keys}
    on conflict (${keys}) do update set ${c.column} = t.${c.column} + excluded.${c.column};`;
  const added = `select ${keys}, 1 as change from new_rows where ${c.counted}`;
  const removed = `select ${keys}, -1 as change from old_rows where ${c.counted}`;
  return `
    create function ${c.name}() returns trigger language plpgsql as $$
    begin
      -- A trigger with transition tables has a single event, and names only the tables it has.
      if tg_op = 'INSERT' then ${apply(added)}
      elsif tg_op = 'DELETE' then ${apply(removed)}
      else ${apply(`${added} union all ${removed}`)}
      end if;
      return null;
    end $$;
    create trigger ${c.name}_inserted after insert on ${c.table}
      referencing new table as new_rows for each statement execute function ${c.name}();
    create trigger ${c.name}_updated after update on ${c.table}
      referencing old table as old_rows new table as new_rows for each statement execute function ${c.name}();
    create trigger ${c.name}_deleted after delete on ${c.table}
      referencing old table as old_rows for each statement execute function ${c.name}();`;
}
