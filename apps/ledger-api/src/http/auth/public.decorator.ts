import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'ikrar:public-route';

/** A route anyone may call without a token (health, docs, the forum's published views). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
