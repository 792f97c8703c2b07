// HTTP routes of the registry: thin — validate (zod), identify the caller, call one service method.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../server/auth.js';
import type { Services } from '../../server/context.js';
import {
  createHouseholdBody,
  createPersonBody,
  deleteBody,
  householdQuery,
  idParam,
  personQuery,
  updateHouseholdBody,
  updatePersonBody,
} from './registry.dto.js';

export function registryRoutes(services: Services): FastifyPluginAsyncZod {
  const registry = services.registry;
  return async (app) => {
    const persons = { tags: ['registry'] };

    app.get(
      '/persons',
      { schema: { ...persons, summary: '查询人员 Search people', querystring: personQuery } },
      (request) => registry.searchPersons(requireActor(request), request.query),
    );
    app.post(
      '/persons',
      { schema: { ...persons, summary: '新增人员 Add a person to a household', body: createPersonBody } },
      async (request, reply) =>
        reply.status(201).send(await registry.createPerson(requireActor(request), request.body)),
    );
    app.get(
      '/persons/:id',
      { schema: { ...persons, summary: '人员详情（脱敏） A person, masked', params: idParam } },
      (request) => registry.getPerson(requireActor(request), request.params.id),
    );
    app.post(
      '/persons/:id/reveal',
      {
        schema: {
          ...persons,
          summary: '查看完整证件号和电话（留痕） Reveal ID and phone, audited',
          params: idParam,
        },
      },
      (request) => registry.revealPerson(requireActor(request), request.params.id),
    );
    app.get(
      '/persons/:id/history',
      { schema: { ...persons, summary: '修改记录 Change history', params: idParam } },
      async (request) => ({
        items: await registry.personHistory(requireActor(request), request.params.id),
      }),
    );
    app.patch(
      '/persons/:id',
      {
        schema: { ...persons, summary: '修改人员 Change a person', params: idParam, body: updatePersonBody },
      },
      (request) => registry.updatePerson(requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/persons/:id',
      {
        schema: {
          ...persons,
          summary: '删除人员（须说明原因） Remove a person, with reason',
          params: idParam,
          body: deleteBody,
        },
      },
      async (request, reply) => {
        await registry.deletePerson(requireActor(request), request.params.id, request.body.reason);
        return reply.status(204).send();
      },
    );

    app.get(
      '/households',
      { schema: { ...persons, summary: '查询家庭 Search households', querystring: householdQuery } },
      (request) => registry.searchHouseholds(requireActor(request), request.query),
    );
    app.post(
      '/households',
      {
        schema: {
          ...persons,
          summary: '新增家庭及成员 Create a household with members',
          body: createHouseholdBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await registry.createHousehold(requireActor(request), request.body)),
    );
    app.get(
      '/households/:id',
      { schema: { ...persons, summary: '家庭及成员 A household with its members', params: idParam } },
      (request) => registry.getHousehold(requireActor(request), request.params.id),
    );
    app.patch(
      '/households/:id',
      {
        schema: {
          ...persons,
          summary: '修改家庭 Change a household',
          params: idParam,
          body: updateHouseholdBody,
        },
      },
      (request) => registry.updateHousehold(requireActor(request), request.params.id, request.body),
    );
    app.delete(
      '/households/:id',
      {
        schema: {
          ...persons,
          summary: '删除家庭（须说明原因） Remove a household, with reason',
          params: idParam,
          body: deleteBody,
        },
      },
      async (request, reply) => {
        await registry.deleteHousehold(requireActor(request), request.params.id, request.body.reason);
        return reply.status(204).send();
      },
    );
  };
}
