import { kmToMiles } from '@open-ers/domain';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { ServiceSearchHit } from './directory.service.js';
import { PageInfo } from '../../graphql/pagination.types.js';
import { Service } from './service.entity.js';

@ObjectType({
  description: 'A service that matched a search, with its distance from the patient and its wait.',
})
export class ServiceSearchResult {
  constructor(hit: ServiceSearchHit) {
    this.service = hit.service;
    this.distanceKm = hit.distanceKm;
    this.earliestSlotStart = hit.earliestSlotStart;
    this.indicativeWaitDays = hit.indicativeWaitDays;
  }

  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description:
      'When the earliest appointment the current user could book starts; null when none is bookable.',
  })
  earliestSlotStart: Date | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Indicative wait in days: to the earliest bookable slot, or the published wait when none is bookable.',
  })
  indicativeWaitDays: number | null;

  @Field(() => Service)
  service: Service;

  @Field(() => Float, { description: 'Straight-line distance from the patient, in kilometres.' })
  distanceKm: number;

  @Field(() => Float, { description: 'Straight-line distance from the patient, in miles.' })
  get distanceMiles(): number {
    return kmToMiles(this.distanceKm);
  }
}

@ObjectType()
export class ServiceSearchEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ServiceSearchResult)
  node!: ServiceSearchResult;
}

@ObjectType({ description: 'Where the search measured distances from.' })
export class SearchLocation {
  @Field(() => String)
  postcode!: string;

  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => String, {
    description:
      'POSTCODE when the full postcode was found, DISTRICT when its district centre was used.',
  })
  precision!: string;
}

@ObjectType({ description: 'A page of service search results.' })
export class ServiceSearchConnection {
  @Field(() => [ServiceSearchEdge])
  edges!: ServiceSearchEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many services matched in all.' })
  totalCount!: number;

  @Field(() => SearchLocation)
  patientLocation!: SearchLocation;
}
