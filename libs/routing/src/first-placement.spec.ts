import { firstPlacement, PlacementFacts } from './first-placement';

type Placed = Parameters<typeof firstPlacement>[0];

const ticket = (fields: Partial<Placed>): Placed => ({
  status: 'menunggu',
  channelCode: 'jaki',
  categoryCode: 'air-bersih-sanitasi',
  kelurahanCode: null,
  lat: -6.1754,
  lon: 106.8272,
  locationMethod: null,
  ...fields,
});

const facts = (fields: Partial<PlacementFacts>): PlacementFacts => ({
  located: null,
  address: null,
  categoryOwner: 'dsda',
  possibleDuplicates: [],
  ...fields,
});

const IN_GAMBIR: PlacementFacts['located'] = {
  kelurahanCode: '31.71.01.1001',
  method: 'contains',
  distanceMeters: 0,
  alsoContainedBy: [],
};

describe('firstPlacement', () => {
  it('sends a geo-tagged JAKI complaint to the kelurahan that contains its point (flow 1)', () => {
    expect(firstPlacement(ticket({}), facts({ located: IN_GAMBIR }))).toMatchObject({
      kelurahanCode: '31.71.01.1001',
      locationMethod: 'contains',
      assignTo: '31.71.01.1001',
      suggestedUnitCode: null,
      reviewReason: null,
    });
  });

  it('holds an operator’s complaint for Diskominfo, suggesting the programme owner (flow 2)', () => {
    expect(
      firstPlacement(ticket({ channelCode: 'sms' }), facts({ located: IN_GAMBIR })),
    ).toMatchObject({
      kelurahanCode: '31.71.01.1001',
      assignTo: null,
      suggestedUnitCode: 'dsda',
      reviewReason: 'Entered without a unit: awaiting Diskominfo review and forwarding',
    });
  });

  it('suggests the kelurahan when the category names no owner', () => {
    expect(
      firstPlacement(
        ticket({ channelCode: 'sms', categoryCode: null }),
        facts({ located: IN_GAMBIR, categoryOwner: null }),
      ).suggestedUnitCode,
    ).toBe('31.71.01.1001');
  });

  it('keeps a point at sea or a missing position for review, with the reason', () => {
    expect(firstPlacement(ticket({}), facts({ located: 'nowhere' }))).toMatchObject({
      assignTo: null,
      kelurahanCode: null,
      reviewReason:
        'The point lies in no kelurahan of DKI Jakarta and none is within tolerance (outside Jakarta or at sea)',
    });
    expect(
      firstPlacement(ticket({ lat: 0, lon: 0 }), facts({ located: 'nowhere' })).reviewReason,
    ).toBe('The point is (0, 0): the device sent no position');
  });

  it('places by the address when there is no point, and says why when it cannot', () => {
    const noPoint = ticket({ channelCode: 'sms', lat: null, lon: null });
    expect(
      firstPlacement(noPoint, facts({ address: { kelurahanCode: '31.71.06.1005' } })),
    ).toMatchObject({ kelurahanCode: '31.71.06.1005', locationMethod: 'address' });
    expect(
      firstPlacement(noPoint, facts({ address: { reason: 'no kelurahan named' } })).reviewReason,
    ).toBe('No kelurahan from the address: no kelurahan named');
  });

  it('never sends a complaint about officials to the office it may be about', () => {
    expect(
      firstPlacement(
        ticket({ categoryCode: 'perilaku-aparatur' }),
        facts({
          located: IN_GAMBIR,
          categoryOwner: 'inspektorat',
        }),
      ),
    ).toMatchObject({
      assignTo: null,
      suggestedUnitCode: 'inspektorat',
      reviewReason: expect.stringMatching(/Inspektorat/),
    });
  });

  it('only locates a ticket a person already moved on, suggesting nothing', () => {
    expect(
      firstPlacement(
        ticket({ status: 'disposisi', channelCode: 'sms' }),
        facts({ located: IN_GAMBIR }),
      ),
    ).toMatchObject({
      kelurahanCode: '31.71.01.1001',
      assignTo: null,
      suggestedUnitCode: null,
      reviewReason: null,
    });
  });
});
