import { Injectable, PipeTransform } from '@nestjs/common';
import { EntityNotFoundError } from '@ikrar/application';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else names no entity, so it is a 404 like any unknown id. */
@Injectable()
export class EntityIdPipe implements PipeTransform<string, string> {
  constructor(private readonly entity: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new EntityNotFoundError(this.entity, value);
    return value.toLowerCase();
  }
}
