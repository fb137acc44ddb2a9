#!/usr/bin/env python3
"""gen.py: write the throughput inputs of bench/fetch/run.

usage: gen.py DIR N
Writes DIR/big.warc.gz (N HTML response records, one gzip member each,
as wget and Heritrix write them), DIR/big.csv (N rows, GB18030, the
column names of a Chinese export) and DIR/mc.csv (N rows, UTF-8, the
columns of MediaCrawler's Weibo notes).  The text is synthetic and varied
enough that compression does not flatter either reader.
"""
import gzip
import os
import random
import sys

WORDS = ('北溪区 垃圾焚烧 项目 居民 环境 评价 公示 街道 社区 座谈会 政府 回应 '
         '监测 数据 排放 运输 学校 热线 群众 咨询 意见 建议 监督 建设 单位 '
         '生态 环境局 发布会 选址 标准 公里 报告 网站 代表 交流 问题 安全').split()


def sentence(rnd):
    n = rnd.randint(8, 20)
    return ''.join(rnd.choice(WORDS) for _ in range(n)) + rnd.choice('，。；')


def para(rnd):
    return ''.join(sentence(rnd) for _ in range(rnd.randint(2, 5)))


def page(rnd, i):
    paras = ''.join('<p>%s</p>\n' % para(rnd) for _ in range(rnd.randint(3, 6)))
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻%d_北溪区</title>'
            '</head><body><div class="nav"><a href="/">首页</a> <a href="/n">新闻</a>'
            ' <a href="/z">政务</a></div><div class="article"><h1>新闻%d</h1>'
            '<div class="content">%s</div></div><div class="footer">版权所有</div>'
            '</body></html>' % (i, i, paras)).encode()


def warc(path, n, rnd):
    with open(path, 'wb') as f:
        for i in range(n):
            body = page(rnd, i)
            http = (b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n'
                    b'Content-Length: %d\r\n\r\n' % len(body)) + body
            head = ('WARC/1.0\r\nWARC-Type: response\r\n'
                    'WARC-Target-URI: https://news.example.cn/a/%d.html\r\n'
                    'WARC-Date: 2026-11-22T02:00:00Z\r\n'
                    'Content-Type: application/http; msgtype=response\r\n'
                    'Content-Length: %d\r\n\r\n' % (i, len(http))).encode()
            f.write(gzip.compress(head + http + b'\r\n\r\n', compresslevel=6, mtime=0))


def csv(path, n, rnd):
    with open(path, 'wb') as f:
        f.write('标题,正文,作者,发布时间,链接,转发,评论,点赞\r\n'.encode('gb18030'))
        for i in range(n):
            text = para(rnd)
            row = '"帖子%d","%s","用户%d","2026-11-%02d %02d:%02d","https://weibo.com/%d/N%d",%d,%d,%d\r\n' % (
                i, text, i % 5000, 1 + i % 28, i % 24, i % 60, i % 5000, i,
                rnd.randint(0, 5000), rnd.randint(0, 500), rnd.randint(0, 90000))
            f.write(row.encode('gb18030'))


def mediacrawler(path, n, rnd):
    cols = ('note_id,content,create_time,create_date_time,liked_count,'
            'comments_count,shared_count,last_modify_ts,note_url,ip_location,'
            'user_id,nickname,gender,profile_url,avatar,source_keyword')
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(cols + '\r\n')
        for i in range(n):
            nid = 5100000000000000 + i
            t = 1763600000 + i
            f.write('%d,"%s",%d,2025-11-20 09:00:00,%s,%d,%d,%d000,'
                    'https://m.weibo.cn/detail/%d,浙江,%d,用户%d,m,'
                    'https://m.weibo.cn/u/%d,,焚烧厂\r\n' % (
                        nid, para(rnd), t, rnd.choice(['1.2万', '356', '10万+']),
                        rnd.randint(0, 500), rnd.randint(0, 5000), t, nid,
                        i % 5000, i % 5000, i % 5000))


def main():
    d, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(42)
    warc(os.path.join(d, 'big.warc.gz'), n, rnd)
    csv(os.path.join(d, 'big.csv'), n, rnd)
    mediacrawler(os.path.join(d, 'mc.csv'), n, rnd)


if __name__ == '__main__':
    main()
