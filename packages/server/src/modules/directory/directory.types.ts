import { kmToMiles } from '@open-ers/domain';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination.types.js';
import { Service } from './service.entity.js';

@ObjectType({ description: 'A service that matched a search, with its distance from the patient.' })
export class ServiceSearchResult {
  constructor(service: Service, distanceKm: number) {
    this.service = service;
    this.distanceKm = distanceKm;
  }

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
