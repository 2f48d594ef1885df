// Literal expected values the end-to-end suites share, from the spec (shared/spec/element.md),
// the internal contract (docs/contract.md) and the fixtures; never computed by the code under
// test. Values only one suite uses stay in that suite.

/** The five stages' labels, in order. */
export const STAGES_KO = ['접수', '집화', '배송중', '배송출발', '배송완료'];
export const STAGES_EN = ['Label created', 'Picked up', 'In transit', 'Out for delivery', 'Delivered'];

export const NOT_FOUND_MESSAGE = '운송장이 등록되지 않았거나 업체에서 상품을 준비중이니 업체로 문의해주시기 바랍니다.';
export const BAD_FORMAT_MESSAGE = '운송장 번호 형식이 올바르지 않습니다.';
export const FALLBACK_TEXT = '지금은 배송 정보를 불러올 수 없습니다.';
export const NOT_FOUND_HEADING = '배송 정보를 찾을 수 없습니다';
export const INVALID_HEADING = '택배사와 운송장 번호를 확인해 주세요';
export const LINK_TEXT = 'tracker.delivery에서 조회하기';
/** "Show more" on the delivered parcel (6 events, 5 shown). */
export const MORE_TEXT = '1건 더보기';

/** The demo key of the fixture's /keyed base. */
export const KEY = 'demo-client:demo-secret';

export const CJ = { id: 'kr.cjlogistics', name: 'CJ대한통운', tel: '+8215881255' };

// fixtures/v1/carriers.json (29 carriers), which the v2 fixture pages through 20 at a time.
export const FIXTURE_CARRIER_IDS = [
  'de.dhl', 'jp.sagawa', 'jp.yamato', 'jp.yuubin', 'kr.chunilps', 'kr.cjlogistics', 'kr.cupost',
  'kr.cvsnet', 'kr.cway', 'kr.daesin', 'kr.epost', 'kr.hanips', 'kr.hanjin', 'kr.hdexp',
  'kr.homepick', 'kr.honamlogis', 'kr.ilyanglogis', 'kr.kdexp', 'kr.kunyoung', 'kr.logen',
  'kr.lotte', 'kr.slx', 'kr.swgexp', 'kr.todaypickup', 'nl.tnt', 'un.upu.ems', 'us.fedex',
  'us.ups', 'us.usps',
];

// The carriers the open-source v2 server serves (packages/core's carrier registry, the ones it
// enables by default), which the fixture's /self-hosted base lists, ids only.
export const SELF_HOSTED_CARRIER_IDS = [
  'cn.cainiao.global', 'jp.sagawa', 'jp.yamato', 'kr.actcore.ocean-inbound', 'kr.cjlogistics',
  'kr.coupangls', 'kr.cupost', 'kr.chunilps', 'kr.cvsnet', 'kr.cway', 'kr.daesin', 'kr.epantos',
  'kr.epost', 'kr.epost.ems', 'kr.goodstoluck', 'kr.homepick', 'kr.hanjin', 'kr.honamlogis',
  'kr.ilyanglogis', 'kr.kdexp', 'kr.kunyoung', 'kr.logen', 'kr.lotte', 'kr.lotte.global', 'kr.slx',
  'kr.swgexp.epost', 'kr.swgexp.cjlogistics', 'kr.todaypickup', 'kr.yongmalogis', 'nl.tnt',
  'un.upu.ems', 'us.ups',
];
