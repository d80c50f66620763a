import { describe, expect, it } from 'vitest';
import { ORIGIN_SCOPE_LABELS, originGroup, originScope, regionName, regionSearch, resolveOrigin, type OriginScope } from './origin';

const HOME = '220200'; // 吉林市, the sample ledger's home city

function scopeOf(input: string): OriginScope | null {
  const r = resolveOrigin(input);
  return r ? originScope(r, HOME) : null;
}

describe('resolveOrigin: regions', () => {
  it('reads 6-digit codes at every level', () => {
    expect(resolveOrigin('220211')).toEqual({ code: '220211', name: '吉林省吉林市丰满区', kind: 'region' });
    expect(resolveOrigin('220100')).toEqual({ code: '220100', name: '吉林省长春市', kind: 'region' });
    expect(resolveOrigin('330100')).toEqual({ code: '330100', name: '浙江省杭州市', kind: 'region' });
    expect(resolveOrigin('310000')).toEqual({ code: '310000', name: '上海市', kind: 'region' });
    expect(resolveOrigin('999999')).toBeNull();
  });
  it('reads full official names', () => {
    expect(resolveOrigin('浙江省杭州市')).toEqual({ code: '330100', name: '浙江省杭州市', kind: 'region' });
    expect(resolveOrigin('浙江省杭州市余杭区')).toEqual({
      code: '330110',
      name: '浙江省杭州市余杭区',
      kind: 'region',
    });
    expect(resolveOrigin('上海市')?.code).toBe('310000');
    expect(resolveOrigin('吉林省吉林市')?.code).toBe('220200');
    expect(resolveOrigin('吉林省吉林市船营区')?.code).toBe('220204');
    expect(resolveOrigin('吉林省延边朝鲜族自治州')).toEqual({
      code: '222400',
      name: '吉林省延边朝鲜族自治州',
      kind: 'region',
    });
    expect(resolveOrigin('北京市朝阳区')?.code).toBe('110105');
    expect(resolveOrigin('重庆市万州区')?.code).toBe('500101');
    expect(resolveOrigin('湖北省仙桃市')).toEqual({ code: '429004', name: '湖北省仙桃市', kind: 'region' });
  });
  it('reads short and partial names', () => {
    expect(resolveOrigin('杭州市')).toEqual({ code: '330100', name: '浙江省杭州市', kind: 'region' });
    expect(resolveOrigin('杭州')?.code).toBe('330100');
    expect(resolveOrigin('北京')).toEqual({ code: '110000', name: '北京市', kind: 'region' });
    expect(resolveOrigin('吉林市')?.code).toBe('220200');
    expect(resolveOrigin('浙江杭州')?.code).toBe('330100');
    expect(resolveOrigin('延边州')?.code).toBe('222400');
    expect(resolveOrigin('广西')?.code).toBe('450000');
    expect(resolveOrigin('内蒙古')?.code).toBe('150000');
    expect(resolveOrigin(' 中国浙江省杭州市 ')?.code).toBe('330100');
  });
  it('prefers the province when a short name is both province and city', () => {
    expect(resolveOrigin('吉林')?.code).toBe('220000');
  });
  it('refuses ambiguous and unknown names', () => {
    expect(resolveOrigin('朝阳区')).toBeNull(); // Beijing and Changchun both have one
    expect(resolveOrigin('')).toBeNull();
    expect(resolveOrigin('火星')).toBeNull();
    expect(resolveOrigin('中国')).toBeNull();
  });
});

describe('resolveOrigin: countries and territories', () => {
  it('resolves Hong Kong, Macao and Taiwan to their region codes', () => {
    for (const s of ['香港', '中国香港', '香港特别行政区', 'HK', 'Hong Kong']) {
      expect(resolveOrigin(s), s).toEqual({ code: '810000', name: '香港特别行政区', kind: 'region' });
    }
    expect(resolveOrigin('澳门')?.code).toBe('820000');
    expect(resolveOrigin('中国澳门')?.code).toBe('820000');
    expect(resolveOrigin('台湾')?.code).toBe('710000');
    expect(resolveOrigin('中国台湾')?.code).toBe('710000');
  });
  it('resolves countries to ISO alpha-2', () => {
    expect(resolveOrigin('美国')).toEqual({ code: 'US', name: '美国', kind: 'country' });
    expect(resolveOrigin('日本')).toEqual({ code: 'JP', name: '日本', kind: 'country' });
    expect(resolveOrigin('韩国')).toEqual({ code: 'KR', name: '韩国', kind: 'country' });
    expect(resolveOrigin('新加坡')).toEqual({ code: 'SG', name: '新加坡', kind: 'country' });
    expect(resolveOrigin('USA')?.code).toBe('US');
    expect(resolveOrigin('us')?.code).toBe('US');
    expect(resolveOrigin('United States')?.code).toBe('US');
    expect(resolveOrigin('俄罗斯')?.code).toBe('RU');
    expect(resolveOrigin('刚果（金）')?.code).toBe('CD');
  });
});

describe('originScope (home 220200, samples/README.md)', () => {
  it('local', () => {
    for (const s of ['吉林省吉林市', '吉林省吉林市船营区', '220211', '吉林市']) expect(scopeOf(s), s).toBe('local');
  });
  it('province', () => {
    for (const s of ['吉林省长春市', '220100', '吉林省延边朝鲜族自治州', '吉林省']) {
      expect(scopeOf(s), s).toBe('province');
    }
  });
  it('domestic', () => {
    for (const s of ['浙江省杭州市', '上海市', '江苏省苏州市', '广东省深圳市', '北京市', '天津市', '330100']) {
      expect(scopeOf(s), s).toBe('domestic');
    }
  });
  it('abroad', () => {
    for (const s of ['香港', '美国', '日本', '韩国', '台湾', '澳门', '新加坡']) expect(scopeOf(s), s).toBe('abroad');
  });
  it('works on codes directly', () => {
    expect(originScope({ code: '810000', kind: 'region' }, HOME)).toBe('abroad');
    expect(originScope({ code: 'US', kind: 'country' }, HOME)).toBe('abroad');
    expect(originScope({ code: '220204', kind: 'region' }, HOME)).toBe('local');
    expect(originScope({ code: '222401', kind: 'region' }, HOME)).toBe('province');
    expect(originScope({ code: '110105', kind: 'region' }, HOME)).toBe('domestic');
  });
  it('has Chinese labels', () => {
    expect(ORIGIN_SCOPE_LABELS).toEqual({ local: '本地', province: '省内域外', domestic: '省外', abroad: '境外' });
  });
});

describe('originGroup', () => {
  it('classifies 长三角, 珠三角 and 京津冀', () => {
    expect(originGroup('310000')).toBe('yrd');
    expect(originGroup('320500')).toBe('yrd');
    expect(originGroup('330110')).toBe('yrd');
    expect(originGroup('340100')).toBe('yrd');
    expect(originGroup('440300')).toBe('prd');
    expect(originGroup('441900')).toBe('prd');
    expect(originGroup('440106')).toBe('prd');
    expect(originGroup('440500')).toBeNull(); // 汕头 is Guangdong but not the Pearl River Delta
    expect(originGroup('110105')).toBe('jjj');
    expect(originGroup('120000')).toBe('jjj');
    expect(originGroup('130400')).toBe('jjj');
    expect(originGroup('220100')).toBeNull();
    expect(originGroup('810000')).toBeNull();
    expect(originGroup('US')).toBeNull();
  });
});

describe('regionName / regionSearch', () => {
  it('names a code', () => {
    expect(regionName('220204')).toBe('吉林省吉林市船营区');
    expect(regionName('000000')).toBeNull();
  });
  it('puts exact matches first', () => {
    const hits = regionSearch('吉林', 5);
    expect(hits).toHaveLength(5);
    expect(hits.slice(0, 2).map((h) => h.code)).toEqual(['220000', '220200']);
    expect(regionSearch('美', 3)[0]).toEqual({ code: 'US', name: '美国', kind: 'country' });
    expect(regionSearch('杭州')[0]?.name).toBe('浙江省杭州市');
    expect(regionSearch('余杭').map((h) => h.code)).toContain('330110');
  });
  it('searches by code prefix and respects the limit', () => {
    const hits = regionSearch('2202', 3);
    expect(hits.map((h) => h.code)).toEqual(['220200', '220202', '220203']);
    expect(regionSearch('', 5)).toEqual([]);
    expect(regionSearch('市').length).toBe(20);
  });
});
