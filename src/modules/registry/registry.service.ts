// Commands and queries of the registry. Each one: check the input with the rules, check the
// role, then run in one transaction with the audit event, through a repository bound to the
// caller's region scope. Returns presented output, never raw rows.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { localDay } from '../../shared/dates.js';
import { AppError, type FieldProblem, validationError } from '../../shared/errors.js';
import { accessRepository } from '../access/access.repository.js';
import { can, type Permission } from '../access/access.rules.js';
import { changedFields, maskAuditValues, recordAudit } from '../access/audit.js';
import { type Actor, RegionScope } from '../access/scope.js';
import { regionsRepository } from '../regions/regions.repository.js';
import { regionLevel } from '../regions/regions.rules.js';
import type {
  createHouseholdBody,
  createPersonBody,
  HouseholdQuery,
  PersonFields,
  PersonQuery,
  updateHouseholdBody,
  updatePersonBody,
} from './registry.dto.js';
import { personFieldNames } from './registry.dto.js';
import {
  auditablePerson,
  presentHousehold,
  presentPerson,
  presentPersonListRow,
} from './registry.presenter.js';
import { type NewHousehold, type NewPerson, registryRepository } from './registry.repository.js';
import {
  checkEmploymentSnapshot,
  checkHousehold,
  checkHouseholdMembers,
  normalizePhone,
  parseIdNumber,
} from './registry.rules.js';
import type { PersonRow } from './registry.tables.js';

export interface RegistrySettings {
  /** Monthly income above this is refused as implausible (yuan); configuration, not policy. */
  maxMonthlyIncome: number;
  now: () => Date;
}

type PersonInput = Omit<NewPerson, 'householdId' | 'villageCode'>;

export function registryService(db: Kysely<DB>, settings: RegistrySettings) {
  const today = () => localDay(settings.now());
  const require = (actor: Actor, permission: Permission) => {
    if (!can(actor.role, permission)) throw new AppError('auth.forbidden');
  };

  /** Turns typed fields into a storable person, or lists every problem with its field path. */
  function preparePerson(
    fields: PersonFields,
    pathPrefix = '',
  ): { person?: PersonInput; problems: FieldProblem[] } {
    const problems: FieldProblem[] = [];
    const at = (field: string) => `${pathPrefix}${field}`;
    const id = parseIdNumber(fields.idNumber, today());
    if (!id.ok) problems.push({ field: at('idNumber'), code: id.code });
    let phone: string | null = null;
    if (fields.phone) {
      const normalized = normalizePhone(fields.phone);
      if (normalized.ok) phone = normalized.phone;
      else problems.push({ field: at('phone'), code: normalized.code });
    }
    if (fields.disabilityGrade && fields.health !== 'disabled') {
      problems.push({ field: at('disabilityGrade'), code: 'invalid' });
    }
    const snapshot = {
      employmentStatus: fields.employmentStatus,
      employmentForm: fields.employmentForm ?? null,
      workLocation: fields.workLocation ?? null,
      employer: fields.employer ?? null,
      monthlyIncome: fields.monthlyIncome ?? null,
      notWorkingReason: fields.notWorkingReason ?? null,
      employmentStart: fields.employmentStart ?? null,
      organizedByCooperation: fields.organizedByCooperation,
      cooperationName: fields.cooperationName ?? null,
      workplace: fields.workplace ?? null,
    };
    for (const p of checkEmploymentSnapshot(snapshot, today(), {
      maxMonthlyIncome: settings.maxMonthlyIncome,
    })) {
      problems.push({
        field: at(p.field),
        code: p.code,
        params: { field: p.field, maximum: settings.maxMonthlyIncome },
      });
    }
    if (problems.length > 0 || !id.ok) return { problems };
    return {
      problems,
      person: {
        ...snapshot,
        name: fields.name,
        idNumber: id.idNumber,
        birthDate: id.birthDate,
        sex: id.sex,
        relationToHead: fields.relationToHead,
        phone,
        education: fields.education ?? null,
        labourAbility: fields.labourAbility,
        health: fields.health,
        disabilityGrade: fields.disabilityGrade ?? null,
        skills: fields.skills,
        wantsWork: fields.wantsWork,
        wantsTraining: fields.wantsTraining,
        workAwayWillingness: fields.workAwayWillingness,
      },
    };
  }

  async function requireVillage(actor: Actor, villageCode: string, field = 'villageCode') {
    const region = await regionsRepository(db).get(villageCode);
    if (!region) throw validationError([{ field, code: 'region.unknown', params: { value: villageCode } }]);
    if (regionLevel(region.code) !== 'village') throw validationError([{ field, code: 'region.notVillage' }]);
    if (!actor.scope.covers(region.code))
      throw new AppError('region.outOfScope', { params: { region: region.name } });
    return region;
  }

  function householdProblems(
    household: Pick<NewHousehold, 'category' | 'monitoringType' | 'relocation' | 'resettlementSite'>,
  ) {
    return checkHousehold(household).map((p) => ({ field: p.field, code: p.code }));
  }

  /** ID numbers are unique nationally, so this check reads beyond the caller's scope on purpose. */
  async function assertIdNumbersFree(
    trx: Kysely<DB>,
    people: { idNumber: string; path: string; exceptId?: number }[],
  ) {
    const firstPath = new Map<string, string>();
    const repeated = people.filter((p) => firstPath.has(p.idNumber) || !firstPath.set(p.idNumber, p.path));
    if (repeated.length > 0) {
      throw validationError(
        repeated.map((p) => ({ field: p.path, code: 'conflict.idNumber', params: { idNumber: p.idNumber } })),
      );
    }
    const nationwide = registryRepository(trx, RegionScope.everything());
    for (const p of people) {
      if (await nationwide.idNumberTaken(p.idNumber, p.exceptId)) {
        throw new AppError('conflict.idNumber', {
          params: { idNumber: p.idNumber },
          fields: [{ field: p.path, code: 'conflict.idNumber', params: { idNumber: p.idNumber } }],
        });
      }
    }
  }

  async function presentHouseholdWithMembers(actor: Actor, householdId: number, repoDb: Kysely<DB> = db) {
    const repo = registryRepository(repoDb, actor.scope);
    const household = await repo.getHousehold(householdId);
    if (!household) throw new AppError('notFound');
    const [members, village, keyAssistanceCounty] = await Promise.all([
      repo.members(householdId),
      regionsRepository(repoDb).get(household.villageCode),
      repo.inKeyAssistanceCounty(household.villageCode, today()),
    ]);
    return {
      ...presentHousehold({ ...household, villageName: village?.name }, { keyAssistanceCounty }),
      members: members.map((m) => presentPerson(m, { reveal: false, today: today() })),
    };
  }

  return {
    async searchPersons(actor: Actor, query: PersonQuery) {
      require(actor, 'registry.read');
      const { rows, total } = await registryRepository(db, actor.scope).searchPersons(query, today());
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: rows.map((r) => presentPersonListRow(r, { reveal: false, today: today() })),
      };
    },

    async getPerson(actor: Actor, id: number) {
      require(actor, 'registry.read');
      const person = await registryRepository(db, actor.scope).getPerson(id);
      if (!person) throw new AppError('notFound');
      const village = await regionsRepository(db).get(person.villageCode);
      return presentPerson({ ...person, villageName: village?.name }, { reveal: false, today: today() });
    },

    /** Full ID and phone numbers of one person; the read itself is audited. */
    async revealPerson(actor: Actor, id: number) {
      require(actor, 'pii.reveal');
      return db.transaction().execute(async (trx) => {
        const person = await registryRepository(trx, actor.scope).getPerson(id);
        if (!person) throw new AppError('notFound');
        await recordAudit(trx, actor, {
          action: 'person.reveal',
          entityType: 'person',
          entityId: person.id,
          regionCode: person.villageCode,
        });
        return { id: person.id, idNumber: person.idNumber, phone: person.phone };
      });
    },

    async personHistory(actor: Actor, id: number) {
      require(actor, 'audit.read');
      const person = await registryRepository(db, actor.scope).getPerson(id);
      if (!person) throw new AppError('notFound');
      const audit = accessRepository(db);
      const events = await audit.listAuditEvents(actor.scope, {
        entityType: 'person',
        entityId: String(id),
        limit: 500,
      });
      // A person a ledger import created has no event of its own: its creation is the import's
      // event, shown here as this person's (its file and row; not the file's counts, which may
      // cover regions outside the caller's).
      const source =
        person.sourceImportId === null ? undefined : await audit.ledgerImportEvent(person.sourceImportId);
      if (source)
        events.push({
          ...source,
          entityType: 'person',
          entityId: String(id),
          regionCode: person.villageCode,
          after: null,
          note: `${source.note ?? ''} 第 ${person.sourceRow} 行`,
        });
      return events.map((e) => ({
        ...e,
        before: maskAuditValues(e.before),
        after: maskAuditValues(e.after),
      }));
    },

    async createPerson(actor: Actor, input: z.infer<typeof createPersonBody>) {
      require(actor, 'registry.write');
      const { householdId, ...fields } = input;
      const { person, problems } = preparePerson(fields);
      if (!person) throw validationError(problems);
      return db.transaction().execute(async (trx) => {
        const repo = registryRepository(trx, actor.scope);
        const household = await repo.getHousehold(householdId);
        if (!household) throw validationError([{ field: 'householdId', code: 'invalid' }]);
        const members = await repo.members(householdId);
        const tooManyHeads = checkHouseholdMembers([...members, person]).filter(
          (p) => p.code !== 'household.headMissing',
        );
        if (tooManyHeads.length > 0)
          throw validationError(tooManyHeads.map((p) => ({ field: 'relationToHead', code: p.code })));
        await assertIdNumbersFree(trx, [{ idNumber: person.idNumber, path: 'idNumber' }]);
        const created = await repo.insertPerson({
          ...person,
          householdId,
          villageCode: household.villageCode,
        });
        await recordAudit(trx, actor, {
          action: 'person.create',
          entityType: 'person',
          entityId: created.id,
          regionCode: created.villageCode,
          after: auditablePerson(created),
        });
        return presentPerson(created, { reveal: false, today: today() });
      });
    },

    async updatePerson(actor: Actor, id: number, input: z.infer<typeof updatePersonBody>) {
      require(actor, 'registry.write');
      const { version, ...changes } = input;
      return db.transaction().execute(async (trx) => {
        const repo = registryRepository(trx, actor.scope);
        const current = await repo.getPerson(id);
        if (!current) throw new AppError('notFound');
        const merged: PersonFields = { ...fieldsOf(current), ...changes };
        const { person, problems } = preparePerson(merged);
        if (!person) throw validationError(problems);
        if (person.relationToHead === 'head' && current.relationToHead !== 'head') {
          const others = (await repo.members(current.householdId)).filter((m) => m.id !== id);
          const tooManyHeads = checkHouseholdMembers([...others, person]).filter(
            (p) => p.code !== 'household.headMissing',
          );
          if (tooManyHeads.length > 0)
            throw validationError(tooManyHeads.map((p) => ({ field: 'relationToHead', code: p.code })));
        }
        if (person.idNumber !== current.idNumber) {
          await assertIdNumbersFree(trx, [{ idNumber: person.idNumber, path: 'idNumber', exceptId: id }]);
        }
        const updated = await repo.updatePerson(id, version, person);
        const diff = changedFields(auditablePerson(current), auditablePerson(updated));
        await recordAudit(trx, actor, {
          action: 'person.update',
          entityType: 'person',
          entityId: id,
          regionCode: updated.villageCode,
          ...diff,
        });
        return presentPerson(updated, { reveal: false, today: today() });
      });
    },

    async deletePerson(actor: Actor, id: number, reason: string) {
      require(actor, 'registry.write');
      return db.transaction().execute(async (trx) => {
        const deleted = await registryRepository(trx, actor.scope).softDeletePerson(id, reason);
        if (!deleted) throw new AppError('notFound');
        await recordAudit(trx, actor, {
          action: 'person.delete',
          entityType: 'person',
          entityId: id,
          regionCode: deleted.villageCode,
          note: reason,
        });
      });
    },

    async searchHouseholds(actor: Actor, query: HouseholdQuery) {
      require(actor, 'registry.read');
      const { rows, total } = await registryRepository(db, actor.scope).searchHouseholds(query, today());
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: rows.map((r) => presentHousehold(r)),
      };
    },

    getHousehold(actor: Actor, id: number) {
      require(actor, 'registry.read');
      return presentHouseholdWithMembers(actor, id);
    },

    async createHousehold(actor: Actor, input: z.infer<typeof createHouseholdBody>) {
      require(actor, 'registry.write');
      await requireVillage(actor, input.villageCode);
      const household = {
        villageCode: input.villageCode,
        category: input.category,
        monitoringType: input.monitoringType ?? null,
        relocation: input.relocation,
        resettlementSite: input.resettlementSite ?? null,
        address: input.address ?? null,
      };
      const problems: FieldProblem[] = householdProblems(household);
      const people: PersonInput[] = [];
      input.members.forEach((fields, index) => {
        const prepared = preparePerson(fields, `members.${index}.`);
        problems.push(...prepared.problems);
        if (prepared.person) people.push(prepared.person);
      });
      for (const p of checkHouseholdMembers(input.members)) {
        problems.push({
          field: p.index === undefined ? 'members' : `members.${p.index}.relationToHead`,
          code: p.code,
        });
      }
      if (problems.length > 0) throw validationError(problems);
      return db.transaction().execute(async (trx) => {
        const repo = registryRepository(trx, actor.scope);
        await assertIdNumbersFree(
          trx,
          people.map((p, i) => ({ idNumber: p.idNumber, path: `members.${i}.idNumber` })),
        );
        const householdNo = input.householdNo ?? (await repo.nextHouseholdNo(input.villageCode));
        if (await repo.householdNoTaken(input.villageCode, householdNo)) {
          throw new AppError('conflict.householdNo', {
            params: { householdNo },
            fields: [{ field: 'householdNo', code: 'conflict.householdNo', params: { householdNo } }],
          });
        }
        const created = await repo.insertHousehold({ ...household, householdNo });
        await recordAudit(trx, actor, {
          action: 'household.create',
          entityType: 'household',
          entityId: created.id,
          regionCode: created.villageCode,
          after: { ...household, householdNo },
        });
        for (const person of people) {
          const inserted = await repo.insertPerson({
            ...person,
            householdId: created.id,
            villageCode: created.villageCode,
          });
          await recordAudit(trx, actor, {
            action: 'person.create',
            entityType: 'person',
            entityId: inserted.id,
            regionCode: inserted.villageCode,
            after: auditablePerson(inserted),
          });
        }
        return presentHouseholdWithMembers(actor, created.id, trx);
      });
    },

    async updateHousehold(actor: Actor, id: number, input: z.infer<typeof updateHouseholdBody>) {
      require(actor, 'registry.write');
      const { version, ...changes } = input;
      if (changes.villageCode) await requireVillage(actor, changes.villageCode);
      return db.transaction().execute(async (trx) => {
        const repo = registryRepository(trx, actor.scope);
        const current = await repo.getHousehold(id);
        if (!current) throw new AppError('notFound');
        const merged = {
          villageCode: changes.villageCode ?? current.villageCode,
          householdNo: changes.householdNo ?? current.householdNo,
          category: changes.category ?? current.category,
          monitoringType:
            changes.monitoringType === undefined ? current.monitoringType : changes.monitoringType,
          relocation: changes.relocation ?? current.relocation,
          resettlementSite:
            changes.resettlementSite === undefined ? current.resettlementSite : changes.resettlementSite,
          address: changes.address === undefined ? current.address : changes.address,
        };
        const problems = householdProblems(merged);
        if (problems.length > 0) throw validationError(problems);
        if (
          (merged.householdNo !== current.householdNo || merged.villageCode !== current.villageCode) &&
          (await repo.householdNoTaken(merged.villageCode, merged.householdNo, id))
        ) {
          throw new AppError('conflict.householdNo', { params: { householdNo: merged.householdNo } });
        }
        const updated = await repo.updateHousehold(id, version, merged);
        const { createdAt: _a, updatedAt: _b, version: _c, ...before } = current;
        const { createdAt: _d, updatedAt: _e, version: _f, ...after } = updated;
        await recordAudit(trx, actor, {
          action: 'household.update',
          entityType: 'household',
          entityId: id,
          regionCode: updated.villageCode,
          ...changedFields(before, after),
        });
        return presentHouseholdWithMembers(actor, id, trx);
      });
    },

    async deleteHousehold(actor: Actor, id: number, reason: string) {
      require(actor, 'registry.write');
      return db.transaction().execute(async (trx) => {
        const deleted = await registryRepository(trx, actor.scope).softDeleteHousehold(id, reason);
        if (!deleted) throw new AppError('notFound');
        await recordAudit(trx, actor, {
          action: 'household.delete',
          entityType: 'household',
          entityId: id,
          regionCode: deleted.villageCode,
          note: reason,
        });
      });
    },
  };
}

/** The typed fields of a stored person, to merge a partial change into. */
function fieldsOf(row: PersonRow): PersonFields {
  return Object.fromEntries(personFieldNames.map((name) => [name, row[name]])) as PersonFields;
}
