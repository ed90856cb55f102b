import {
  createTermInput,
  updateTermInput,
  vocabulariesOutput,
  vocabularyParams,
  vocabularyTerm,
  vocabularyTermParams,
} from '@vigil/shared/schemas/vocabularies';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import { addTerm, listVocabularies, updateTerm } from './vocabularies.service.ts';

export const vocabularyRoutes = createRoutes('/vocabularies');

vocabularyRoutes.get(
  '/',
  {
    summary: 'Every controlled vocabulary, terms in order, retired ones flagged',
    response: vocabulariesOutput,
  },
  (_input, req) => listVocabularies(ctxOf(req)),
);

vocabularyRoutes.post(
  '/:name',
  {
    summary: 'Add a term to a vocabulary (admins)',
    params: vocabularyParams,
    body: createTermInput,
    response: vocabularyTerm,
    status: 201,
  },
  ({ params, body }, req) => addTerm(ctxOf(req), params.name, body),
);

vocabularyRoutes.patch(
  '/:name/:code',
  {
    summary: 'Relabel, regroup, retire or un-retire a term (admins); terms are never deleted',
    params: vocabularyTermParams,
    body: updateTermInput,
    response: vocabularyTerm,
  },
  ({ params, body }, req) => updateTerm(ctxOf(req), params.name, params.code, body),
);
