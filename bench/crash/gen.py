#!/usr/bin/env python3
"""Write PARTS CSV exports of N posts each (part1.csv ...) into DIR for
the crash harness: varied stories over many places, so that the
pipeline makes many events, each post with its own URL and time."""
import random
import sys

parts, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(19)
places = ["北溪区", "南湖区", "东城区", "西山县", "临江市", "青石镇", "河口乡"]
stories = ["垃圾焚烧厂选址引发争议", "化工厂夜间排放刺鼻气体", "小区连续三天停水",
           "学校食堂饭菜质量差", "主干道路面塌陷", "医院挂号排队数小时",
           "拆迁补偿标准不公开", "公交线路突然调整", "河道出现大量死鱼",
           "物业违规收取停车费"]
moods = ["居民很不满", "网友热议", "官方尚未回应", "现场有人受伤",
         "已有部门介入", "希望尽快解决", "大家都很关心"]
k = 0
for p in range(1, parts + 1):
    with open("%s/part%d.csv" % (out, p), "w", encoding="utf-8") as f:
        f.write("正文,链接,发布时间\n")
        for i in range(n):
            k += 1
            s = rnd.randrange(len(stories))
            text = "%s%s，%s。记者从现场了解到，这是第%d条相关消息。" % (
                places[s % len(places)], stories[s], rnd.choice(moods), k)
            minute = (k * 7) % (24 * 60)
            f.write("%s,https://crash.example.cn/%d,2026-11-22 %02d:%02d\n" %
                    (text, k, minute // 60, minute % 60))
