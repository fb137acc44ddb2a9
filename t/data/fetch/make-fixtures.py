#!/usr/bin/env python3
"""make-fixtures.py: write the fixtures of the yq-fetch tests (t1*).

Run from this directory; the outputs are committed, this script says
how they were made.  Everything is synthetic: a fictional district
(北溪区) and its waste-incineration project, on example.cn hosts.
"""
import gzip
import io
import os

ART1 = '''<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>北溪区回应垃圾焚烧项目选址问题_北溪区人民政府</title>
<meta name="author" content="北溪区生态环境局">
<meta property="article:published_time" content="2026-11-20T09:30:00+08:00">
<link rel="canonical" href="https://www.beixi.gov.cn/xwzx/2026/11/20/art_1.html">
<style>p { margin: 0 }</style><script>var tracker = "不是正文";</script>
</head><body>
<div class="header"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a> <a href="/zwgk/">政务公开</a></div>
<div class="nav"><ul><li><a href="/a">机构概况</a></li><li><a href="/b">政策文件</a></li><li><a href="/c">互动交流</a></li></ul></div>
<div class="main">
<div class="article">
<h1>北溪区回应垃圾焚烧项目选址问题</h1>
<div class="info">发布时间：2026-11-20 09:30 来源：北溪区生态环境局</div>
<div class="content">
<p>　　近日，部分居民对北溪区垃圾焚烧发电项目的选址提出疑问。区生态环境局11月20日召开新闻发布会，就项目选址、环境影响评价和公众参与等情况作出回应。</p>
<p>　　据介绍，该项目选址经过多轮比选，距离最近的居民区约2.3公里，符合国家有关标准。环境影响评价报告已于10月在区政府网站公示，公示期间共收到意见建议&nbsp;46&nbsp;条。</p>
<p>　　区生态环境局表示，将邀请居民代表参与项目建设全过程监督，定期公开排放监测数据，并开通热线&lt;12345&gt;受理群众咨询。</p>
</div>
<div class="share">分享到：<a href="#">微博</a> <a href="#">微信</a></div>
</div>
<div class="sidebar"><h3>相关新闻</h3><ul><li><a href="/x1">北溪区召开环保工作会议</a></li><li><a href="/x2">区长调研垃圾分类工作</a></li><li><a href="/x3">北溪区公布第三季度空气质量</a></li></ul></div>
</div>
<div class="footer">主办单位：北溪区人民政府办公室　版权所有　备案号：京ICP备00000000号</div>
</body></html>
'''

ART2 = '''<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>沄江日报 | 北溪区居民就垃圾焚烧项目举行座谈</title></head>
<body><table><tr><td><a href="/">沄江日报</a> | <a href="/bd">本地</a> | <a href="/sh">社会</a></td></tr></table>
<div id="article">
<h1>北溪区居民就垃圾焚烧项目举行座谈</h1>
<p class="date">2026年11月21日 15:45　作者：李明</p>
<p>本报讯　11月21日下午，北溪区在青石街道社区服务中心举行座谈会，二十余名居民代表与区生态环境局、项目建设单位面对面交流。</p>
<p>居民代表王女士说，大家最关心的是二噁英排放和运输车辆途经学校的问题，希望项目方公开更多数据。</p>
<p>区生态环境局负责人表示，将把居民意见纳入项目监督方案，运输路线将避开学校上下学时段。</p>
</div>
<div class="links"><a href="/1">上一篇</a> <a href="/2">下一篇</a></div>
</body></html>
'''

# No metadata at all, and the traps of real sites: a top bar with the
# day's date in an element named "date", the headline repeated at the
# head of the body, an info row of label:value fields, a date in the
# text that the article reports on, a copyright line closing the body.
ART4 = '''<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>临河市自来水公司回应城区停水问题_临河市人民政府</title></head><body>
<div class="top"><span class="date">2026年11月22日 星期日</span> <a href="/">首页</a> <a href="/wza/">无障碍</a></div>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a></div>
<div class="article">
<div class="tit">临河市自来水公司回应城区停水问题</div>
<div class="info"><span>发布日期：2026-11-21 16:45</span> <span>文章来源：临河市住房和城乡建设局</span> <span>点击数：1024</span></div>
<div class="content">
<p>临河市自来水公司回应城区停水问题</p>
<p>11月20日起，临河市城区部分片区出现停水，市自来水公司21日下午作出回应：停水系老城区主供水管道爆裂所致，抢修队伍已连夜作业。</p>
<p>据介绍，受影响的约1.2万户居民将于22日上午前陆续恢复供水，抢修期间设置了12个临时供水点，并安排送水车进入小区。</p>
<p>市自来水公司表示，老城区供水管网改造计划于2026年12月1日前完成，届时将大幅减少类似情况，对给市民带来的不便深表歉意。</p>
<p>本网站所有内容版权所有，未经授权不得转载。</p>
</div></div>
<div class="footer"><p>主办：临河市人民政府办公室</p></div>
</body></html>
'''

RSS2 = '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel>
<title>沄江日报·本地</title>
<link>https://news.example.cn/</link>
<description>本地新闻</description>
<item>
<title>北溪区回应垃圾焚烧项目选址问题</title>
<link>https://news.example.cn/a/1.html?utm_source=rss&amp;utm_medium=feed</link>
<guid isPermaLink="false">yj-0001</guid>
<pubDate>Fri, 20 Nov 2026 09:30:00 +0800</pubDate>
<dc:creator>记者 张三</dc:creator>
<description><![CDATA[<p>区生态环境局11月20日召开新闻发布会，就项目选址作出回应。</p><p>环评报告已于10月公示。</p><script>alert(1)</script>]]></description>
<slash:comments>12</slash:comments>
</item>
<item>
<title>青石街道开展垃圾分类宣传 &amp; 入户指导</title>
<link>/a/2.html#comments</link>
<pubDate>Sat, 21 Nov 2026 08:00:00 CST</pubDate>
<description>青石街道组织志愿者入户宣传垃圾分类知识。&lt;br&gt;共发放宣传册&amp;nbsp;2000&amp;nbsp;份。</description>
<content:encoded><![CDATA[<div><p>青石街道组织志愿者入户宣传垃圾分类知识，共发放宣传册2000份。</p><p>街道表示，将持续开展宣传。</p></div>]]></content:encoded>
</item>
<item>
<title>北溪区发布寒潮蓝色预警</title>
<link>HTTPS://News.Example.CN:443/a/3.html</link>
<pubDate>2026-11-22T06:15:00+08:00</pubDate>
<description>预计未来48小时气温下降8至10摄氏度。</description>
</item>
</channel>
</rss>
'''

RDF = '''<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://bbs.example.cn/rss">
<title>北溪论坛</title>
<link>https://bbs.example.cn/</link>
<description>论坛热帖</description>
</channel>
<item rdf:about="https://bbs.example.cn/t/100">
<title>焚烧厂离我们小区到底多远？</title>
<link>https://bbs.example.cn/t/100</link>
<description>有没有人实地去看过选址？地图上量着不到三公里。</description>
<dc:date>2026-11-20T21:04:00+08:00</dc:date>
<dc:creator>青石老住户</dc:creator>
</item>
<item rdf:about="https://bbs.example.cn/t/101">
<title>环评公示在哪里看</title>
<link>https://bbs.example.cn/t/101</link>
<description>区政府网站政务公开栏目里有。</description>
<dc:date>2026-11-21 10:02</dc:date>
</item>
</rdf:RDF>
'''

ATOM = '''<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>北溪区人民政府·通知公告</title>
<link href="https://www.beixi.gov.cn/"/>
<updated>2026-11-22T10:00:00+08:00</updated>
<id>tag:beixi.gov.cn,2026:notices</id>
<entry>
<title type="html">关于垃圾焚烧发电项目&lt;b&gt;环境影响评价&lt;/b&gt;信息公开的说明</title>
<link rel="alternate" href="https://www.beixi.gov.cn/tzgg/2026/1122/1.html"/>
<id>tag:beixi.gov.cn,2026:1</id>
<published>2026-11-22T10:00:00+08:00</published>
<updated>2026-11-22T11:00:00+08:00</updated>
<author><name>北溪区生态环境局</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>项目环境影响评价报告全文已在本网站公开。</p><p>公众可在12月5日前提交意见。</p></div></content>
</entry>
<entry>
<title>北溪区寒潮防御工作提示</title>
<id>tag:beixi.gov.cn,2026:2</id>
<updated>2026-11-22T07:00:00Z</updated>
<summary type="html">&lt;p&gt;请居民注意防寒保暖。&lt;/p&gt;</summary>
</entry>
</feed>
'''

GBKFEED = '''<?xml version="1.0" encoding="GBK"?>
<rss version="2.0"><channel><title>北溪发布</title>
<item><title>北溪区召开垃圾焚烧项目听证会</title>
<link>https://www.beixi.gov.cn/xwzx/2026/11/23/art_9.html</link>
<pubDate>Mon, 23 Nov 2026 14:00:00 GMT+8</pubDate>
<description>听证会邀请人大代表、政协委员和居民代表参加。</description></item>
</channel></rss>
'''

CSV_ROWS = [
    ['标题', '正文', '作者', '发布时间', '链接', '转发', '评论', '点赞'],
    ['', '垃圾焚烧厂建在我们家门口，谁来保证安全？', '青石街道小王', '2026年11月20日 15:45',
     'https://weibo.com/123/Nabc?from=timeline&utm_source=x', '1.2万', '356', '2,048'],
    ['', '今天去听了座谈会，\n区里说运输车会避开上学时段。', '北溪热心市民', '2026-11-21 18:02',
     'https://weibo.com/456/Ndef', '15', '3', '20'],
    ['北溪区回应垃圾焚烧项目', '环评报告已公示，欢迎监督。', '北溪发布', '2026/11/22 09:00',
     'https://weibo.com/789/Nghi', '0', '0', '10万+'],
]


def warc_record(headers, block):
    head = 'WARC/1.0\r\n' + ''.join('%s: %s\r\n' % kv for kv in headers)
    head += 'Content-Length: %d\r\n\r\n' % len(block)
    return head.encode() + block + b'\r\n\r\n'


def http_response(status, ctype, body, extra=''):
    return ('HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n'
            % (status, ctype, extra, len(body))).encode() + body


def chunked(body):
    out = b''
    for i in range(0, len(body), 500):
        part = body[i:i + 500]
        out += b'%x\r\n' % len(part) + part + b'\r\n'
    return out + b'0\r\n\r\n'


def warc_records():
    recs = []
    recs.append(warc_record([('WARC-Type', 'warcinfo'),
                             ('WARC-Date', '2026-11-22T02:00:00Z'),
                             ('WARC-Record-ID', '<urn:uuid:00000000-0000-0000-0000-000000000001>'),
                             ('Content-Type', 'application/warc-fields')],
                            b'software: make-fixtures.py\r\nformat: WARC File Format 1.0\r\n'))
    uri1 = 'https://www.beixi.gov.cn/xwzx/2026/11/20/art_1.html'
    recs.append(warc_record([('WARC-Type', 'request'),
                             ('WARC-Target-URI', uri1),
                             ('WARC-Date', '2026-11-22T02:00:01Z'),
                             ('Content-Type', 'application/http; msgtype=request')],
                            b'GET /xwzx/2026/11/20/art_1.html HTTP/1.1\r\nHost: www.beixi.gov.cn\r\n\r\n'))
    recs.append(warc_record([('WARC-Type', 'response'),
                             ('WARC-Target-URI', uri1),
                             ('WARC-Date', '2026-11-22T02:00:01Z'),
                             ('Content-Type', 'application/http; msgtype=response')],
                            http_response('200 OK', 'text/html; charset=utf-8', ART1.encode())))
    uri2 = 'https://news.example.cn/a/20.html'
    body2 = ART2.encode('gbk')
    recs.append(warc_record([('WARC-Type', 'response'),
                             ('WARC-Target-URI', '<%s>' % uri2),
                             ('WARC-Date', '2026-11-22T02:00:02Z'),
                             ('Content-Type', 'application/http; msgtype=response')],
                            ('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n'
                             'Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n').encode()
                            + chunked(gzip.compress(body2, mtime=0))))
    recs.append(warc_record([('WARC-Type', 'response'),
                             ('WARC-Target-URI', 'https://news.example.cn/missing.html'),
                             ('WARC-Date', '2026-11-22T02:00:03Z'),
                             ('Content-Type', 'application/http; msgtype=response')],
                            http_response('404 Not Found', 'text/html', b'<html><body><p>not here, sorry, gone</p></body></html>')))
    recs.append(warc_record([('WARC-Type', 'response'),
                             ('WARC-Target-URI', 'https://news.example.cn/logo.png'),
                             ('WARC-Date', '2026-11-22T02:00:04Z'),
                             ('Content-Type', 'application/http; msgtype=response')],
                            http_response('200 OK', 'image/png', b'\x89PNG\r\n\x1a\n0000')))
    return recs


def main():
    w = lambda p, b: open(p, 'wb').write(b)
    w('www/pages/article1.html', ART1.encode())
    w('www/pages/article2-gbk.html', ART2.encode('gbk'))
    # GBK without any declaration: detected by trying UTF-8 then GB18030.
    w('www/pages/article3-nodecl.html',
      ART2.replace('; charset=gb2312', '').encode('gbk'))
    w('www/pages/article4-traps.html', ART4.encode())
    w('www/feeds/rss2.xml', RSS2.encode())
    w('www/feeds/rdf.xml', RDF.encode())
    w('www/feeds/atom.xml', ATOM.encode())
    w('www/feeds/gbk.xml', GBKFEED.encode('gbk'))
    # Says UTF-8, is GBK: the bytes win.
    w('www/feeds/wrong-charset.xml',
      GBKFEED.replace('encoding="GBK"', 'encoding="UTF-8"').encode('gbk'))
    w('www/feeds/not-a-feed.xml', b'<?xml version="1.0"?><html><body>no</body></html>\n')
    w('www/feeds/broken.xml', b'this is not XML at all\n')

    def csv_text(rows):
        out = io.StringIO()
        import csv
        csv.writer(out, lineterminator='\r\n').writerows(rows)
        return out.getvalue()
    w('posts-bom.csv', b'\xef\xbb\xbf' + csv_text(CSV_ROWS).encode())
    w('posts-gbk.csv', csv_text(CSV_ROWS).encode('gb18030'))
    custom = [['标题x', '内容正文', '发帖人', '时间戳', '地址']] + \
        [[r[0], r[1], r[2], r[3], r[4]] for r in CSV_ROWS[1:]]
    w('posts-custom.csv', csv_text(custom).encode())
    w('posts-broken.csv', '正文,作者\n"引号没有闭合,小王\n'.encode())
    import json
    objs = [{'content': r[1], 'user': {'name': r[2]}, 'created_at': r[3],
             'url': r[4], 'metrics': {'reposts': 5, 'likes': 7}} for r in CSV_ROWS[1:]]
    w('posts.json', json.dumps(objs, ensure_ascii=False, indent=1).encode())
    nd = [json.dumps({'mid': 'M%d' % i, 'text': r[1], 'author': r[2],
                      'published_at': r[3], 'platform': 'weibo'},
                     ensure_ascii=False) for i, r in enumerate(CSV_ROWS[1:])]
    nd.insert(2, '{"text": "half a line"')
    w('posts.ndjson', ('\n'.join(nd) + '\n').encode())
    recs = warc_records()
    w('archive.warc', b''.join(recs))
    gz = b''.join(gzip.compress(r, mtime=0) for r in recs)
    w('archive.warc.gz', gz)
    # Cut inside the last record's member: the records before it survive.
    last = len(gzip.compress(recs[-1], mtime=0))
    w('truncated.warc.gz', gz[:len(gz) - last // 2])
    # Garbage where the fourth record should start.
    w('corrupt.warc', b''.join(recs[:3]) + b'GARBAGE\r\n' + b''.join(recs[3:]))


if __name__ == '__main__':
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    main()
