// Region scope: the one place where "only your own region" is decided. A statistical code's
// descendants share its significant prefix, so a scope is a prefix, and a scope filter is an index
// range scan over a `collate "C"` code column. Repositories of personal data take a RegionScope
// when they are built and apply it to every query and every write (registry.repository.ts).
import { type RawBuilder, sql } from 'kysely';
import { regionLevel, scopePrefix } from '../regions/regions.rules.js';
import type { Role } from './access.rules.js';

export class RegionScope {
  private constructor(
    /** The region at the top of the subtree, or null for the whole country (system tasks). */
    readonly regionCode: string | null,
    readonly prefix: string,
  ) {}

  static of(regionCode: string): RegionScope {
    return new RegionScope(regionCode, scopePrefix(regionCode));
  }

  /** For the CLI and start-up tasks run by the operator of the installation, not by an official. */
  static everything(): RegionScope {
    return new RegionScope(null, '');
  }

  /** True when `code` lies in this scope: either the region itself or one of its descendants. */
  covers(code: string): boolean {
    return code.startsWith(this.prefix);
  }

  /** A smaller scope inside this one (a county official looking at one town). */
  narrowTo(regionCode: string): RegionScope {
    if (!this.covers(regionCode)) throw new Error(`${regionCode} is outside scope ${this.prefix}`);
    return RegionScope.of(regionCode);
  }

  /** The lowest and highest code in this scope, for range conditions in hand-written SQL. */
  bounds(): [string, string] {
    return [this.prefix.padEnd(12, '0'), this.prefix.padEnd(12, '9')];
  }

  /** A filter for a code column: `column between <prefix>000… and <prefix>999…`. */
  filter(column: string): RawBuilder<boolean> {
    const [low, high] = this.bounds();
    return sql<boolean>`${sql.ref(column)} between ${low} and ${high}`;
  }

  get level() {
    return this.regionCode ? regionLevel(this.regionCode) : null;
  }
}

/** Who is acting: a logged-in official, or the system itself. */
export interface Actor {
  userId: number | null;
  username: string;
  displayName: string;
  role: Role;
  scope: RegionScope;
}

export function systemActor(): Actor {
  return {
    userId: null,
    username: 'system',
    displayName: '系统',
    role: 'admin',
    scope: RegionScope.everything(),
  };
}
