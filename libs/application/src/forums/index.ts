import { EstablishForumHandler } from './establish-forum';
import { GetForumHandler, GetMeetingHandler } from './get-forum';
import { RecordMeetingHandler } from './record-meeting';

export * from './establish-forum';
export * from './record-meeting';
export * from './get-forum';

export const FORUM_HANDLERS = [EstablishForumHandler, RecordMeetingHandler, GetForumHandler, GetMeetingHandler];
