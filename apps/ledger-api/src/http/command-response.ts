import { Response } from 'express';
import { CommandOutcome } from '@ikrar/application';

export interface CommandResponseBody {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
}

/** 201 + Location for a created entity, 200 otherwise; the ETag is the new revision either way. */
export function commandResponse(res: Response, outcome: CommandOutcome, collectionPath: string): CommandResponseBody {
  res.status(outcome.created ? 201 : 200);
  if (outcome.created) res.setHeader('Location', `${collectionPath}/${outcome.id}`);
  res.setHeader('ETag', `"${outcome.revision}"`);
  return { id: outcome.id, revision: outcome.revision, position: outcome.position };
}

export function entityResponse<T extends { revision: number }>(res: Response, view: T): T {
  res.setHeader('ETag', `"${view.revision}"`);
  return view;
}
