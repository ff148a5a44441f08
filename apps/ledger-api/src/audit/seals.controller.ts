import { Controller, Get, Inject, NotFoundException, Param, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@ikrar/application';
import { EventStore } from '@ikrar/event-store';
import { ConsistencyProofDocument, InclusionProofDocument, Sealer, sealerFor, StoredSeal } from '@ikrar/ledger-seal';
import { FieldProblem, InvalidRequestError } from '../http/validation-error';
import { AllowRoles } from '../http/auth/caller';

/**
 * Tamper evidence for auditors: the latest signed seal over the ledger's Merkle tree, an event's
 * inclusion proof against it, and consistency proofs between sealed tree sizes (RFC 9162).
 * Check them offline with `npm run --silent ikrar -- verify-proof <file>` (see libs/ledger-proof/README.md).
 */
@ApiTags('audit')
@AllowRoles('auditor')
@Controller('audit')
export class SealsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private sealer(): Sealer {
    const sealer = sealerFor(this.store);
    if (!sealer) throw new ServiceUnavailableException('The ledger sealer is not running in this process');
    return sealer;
  }

  @Get('seals/latest')
  @ApiOperation({ summary: 'The latest signed seal (tree size, RFC 9162 root, chain head, previous seal hash, Ed25519 signature, public key)' })
  latest(): StoredSeal {
    const seal = this.sealer().latestSeal();
    if (!seal) throw new NotFoundException('No seal has been written yet');
    return seal;
  }

  @Get('events/:id/proof')
  @ApiParam({ name: 'id', description: 'Event id (UUID)' })
  @ApiOperation({ summary: "Inclusion proof of an event in the ledger's Merkle tree, against the latest seal covering it" })
  proof(@Param('id') id: string): InclusionProofDocument {
    const proof = this.sealer().inclusionProofFor(id);
    if (!proof) throw new NotFoundException(`Event ${id} is unknown or not sealed yet`);
    return proof;
  }

  @Get('proofs/consistency')
  @ApiQuery({ name: 'from', description: 'An older sealed tree size (>= 1)' })
  @ApiQuery({ name: 'to', description: 'A newer sealed tree size (>= from)' })
  @ApiOperation({ summary: 'Consistency proof that the tree of sealed size `from` is a prefix of the tree of sealed size `to`' })
  consistency(@Query('from') fromRaw: unknown, @Query('to') toRaw: unknown): ConsistencyProofDocument {
    const problems: FieldProblem[] = [];
    const size = (field: string, raw: unknown): number | null => {
      if (typeof raw !== 'string' || !/^[1-9]\d{0,14}$/.test(raw)) {
        problems.push({ field, problems: [`${field} must be a positive integer (a sealed tree size)`] });
        return null;
      }
      return Number(raw);
    };
    const from = size('from', fromRaw);
    const to = size('to', toRaw);
    if (from !== null && to !== null && from > to) problems.push({ field: 'from', problems: ['from must not be greater than to'] });
    if (problems.length > 0) throw new InvalidRequestError(problems);
    const proof = this.sealer().consistencyProof(from!, to!);
    if (!proof) {
      const sealed = new Set(this.sealer().seals().map((seal) => seal.treeSize));
      const missing = [from!, to!].filter((candidate) => !sealed.has(candidate));
      throw new NotFoundException(`Not a sealed tree size: ${[...new Set(missing)].join(', ')}`);
    }
    return proof;
  }
}
