import {
  DomainRuleViolation,
  PROGRAMMES,
  checkActor,
  isCalendarDate,
  isNonBlank,
  isRegionCode,
  partnerStatusIn,
  requireSecretariat,
  rule,
} from '../shared';
import { EstablishForum, ForumCommand, RecordMeeting } from './forum.commands';
import { ForumEvent } from './forum.events';
import { ForumState } from './forum.state';

export function decideForum(command: ForumCommand, state: ForumState): ForumEvent[] {
  switch (command.type) {
    case 'EstablishForum':
      return establish(command.data, state);
    case 'RecordMeeting':
      return recordMeeting(command.data, state);
    default: {
      const unknown = command as { type?: unknown };
      throw new DomainRuleViolation('command-unknown', `Unknown forum command ${String(unknown?.type)}`);
    }
  }
}

function establish(data: EstablishForum['data'], state: ForumState): ForumEvent[] {
  requireSecretariat(checkActor(data.actor), 'forum-write-requires-secretariat', 'Only the secretariat may establish a forum');
  rule(state.status === 'unestablished', 'forum-already-established', 'This forum is already established');
  rule(isNonBlank(data.forumId), 'forum-id-required', 'A forum needs an id');
  rule(isNonBlank(data.name), 'forum-name-required', 'A forum needs a name');
  rule(isRegionCode(data.regionCode), 'region-code-invalid', `Malformed region code ${String(data.regionCode)}`);
  const programmes = data.programmes;
  rule(
    Array.isArray(programmes) &&
      programmes.length > 0 &&
      programmes.every((programme) => (PROGRAMMES as readonly unknown[]).includes(programme)) &&
      new Set(programmes).size === programmes.length,
    'programmes-invalid',
    'A forum needs at least one programme, each known and listed once',
    { allowed: [...PROGRAMMES] },
  );
  const secretariat = partnerStatusIn(data.partnerStatuses, data.secretariatPartnerId);
  rule(secretariat !== 'unregistered', 'partner-not-registered', `Partner ${String(data.secretariatPartnerId)} is not registered`, {
    partnerId: data.secretariatPartnerId,
  });
  rule(secretariat === 'active', 'partner-deactivated', `Partner ${data.secretariatPartnerId} is deactivated`, {
    partnerId: data.secretariatPartnerId,
  });
  return [
    {
      type: 'ForumEstablished',
      data: {
        forumId: data.forumId,
        name: data.name,
        regionCode: data.regionCode,
        programmes: [...programmes],
        secretariatPartnerId: data.secretariatPartnerId,
      },
    },
  ];
}

function recordMeeting(data: RecordMeeting['data'], state: ForumState): ForumEvent[] {
  requireSecretariat(checkActor(data.actor), 'forum-write-requires-secretariat', "Only the secretariat may record a forum's meetings");
  rule(
    state.status === 'established' && data.forumId === state.forumId,
    'forum-not-found',
    `Forum ${String(data.forumId)} is not established`,
  );
  rule(isNonBlank(data.meetingId), 'meeting-id-required', 'A meeting needs an id');
  rule(
    !state.meetings.some((meeting) => meeting.meetingId === data.meetingId),
    'meeting-already-recorded',
    `Meeting ${data.meetingId} is already recorded`,
  );
  rule(isNonBlank(data.title), 'meeting-title-required', 'A meeting needs a title');
  rule(isCalendarDate(data.heldOn), 'meeting-date-invalid', `${String(data.heldOn)} is not a calendar date (YYYY-MM-DD)`);
  rule(isNonBlank(data.location), 'meeting-location-required', 'A meeting needs a location');
  const attendees = data.attendeePartnerIds;
  rule(
    Array.isArray(attendees) &&
      attendees.length > 0 &&
      attendees.every((id) => isNonBlank(id)) &&
      new Set(attendees).size === attendees.length,
    'attendees-invalid',
    'A meeting needs at least one attendee, each listed once',
  );
  // A partner deactivated since may still be recorded as having attended: only registration counts.
  const unregistered = attendees.filter((id) => partnerStatusIn(data.partnerStatuses, id) === 'unregistered');
  rule(unregistered.length === 0, 'partner-not-registered', `Partner(s) ${unregistered.join(', ')} not registered`, {
    partnerIds: unregistered,
  });
  return [
    {
      type: 'MeetingRecorded',
      data: {
        forumId: data.forumId,
        meetingId: data.meetingId,
        title: data.title,
        heldOn: data.heldOn,
        location: data.location,
        attendeePartnerIds: [...attendees],
      },
    },
  ];
}
