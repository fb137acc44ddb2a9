#!/usr/bin/env python3
"""gen.py: event records and subscriptions for bench/alert/run.

  python3 gen.py EVENTS SUBS DIR

writes DIR/events.ndjson (EVENTS event records as yq-deadline writes
them, over the 11 cities and 99 counties of Zhejiang's codes; most
need no answer and carry no warning, as in the demo) and
DIR/alerts.conf (SUBS subscriptions: four in five for a county, most of
the rest for a city, a few for kinds of event in a city, some with
owners or topics).  A fixed seed: the same files every time.
"""
import json
import random
import sys

WARN = ['none', 'blue', 'yellow', 'orange', 'red']
RULES = ['emergency', 'policy_misreading', 'public_interest', 'rumour'] + ['watch'] * 6
# Most events carry no warning; few are red.
WARN_WEIGHTS = [50, 25, 15, 7, 3]
TOPICS = ['垃圾焚烧', '房价', '停水', '校园安全', '交通']


def places():
    cities = ['33%02d00' % c for c in range(1, 12)]
    counties = ['%s%02d' % (c[:4], k) for c in cities for k in range(2, 11)]
    return cities, counties


def event(i, r, counties):
    county = r.choice(counties)
    city = county[:4] + '00'
    rule = r.choice(RULES)
    hours = r.randint(-30, 60)
    resp = {'must_respond': rule != 'watch', 'rule': rule, 'level': None,
            'status': 'watch' if rule == 'watch' else 'pending',
            'answers': [], 'owner': ['%s区人民政府' % county]}
    if rule != 'watch':
        resp['form'] = 'statement'
        resp['deadline'] = '2026-11-%02dT%02d:00:00+08:00' % (23 + (hours // 24), hours % 24)
    return {'kind': 'event', 'event_id': 'E%012x' % i, 'title': '事件%d' % i,
            'first_seen': '2026-11-22T08:00:00+08:00', 'posts': r.randint(1, 80),
            'sources': r.randint(1, 9), 'origin': 'p%d' % i,
            'places': [{'name': county, 'code': county, 'level': 'county', 'role': 'scene'},
                       {'name': city, 'code': city, 'level': 'city', 'role': 'scene'}],
            'warning': r.choices(WARN, WARN_WEIGHTS)[0], 'topics': [r.choice(TOPICS)],
            'response': resp}


def sub(i, r, cities, counties):
    lines = ['[s%d]' % i, 'channel webhook', 'url http://127.0.0.1:9/s%d' % i]
    k = r.random()
    if k < 0.8:
        lines.append('places ' + r.choice(counties))
    elif k < 0.95:
        lines.append('places ' + r.choice(cities))
    else:
        lines.append('places ' + r.choice(cities))
        lines.append('kinds emergency,rumour')
    lines.append('level ' + r.choice(WARN[1:]))
    if r.random() < 0.1:
        lines.append('topics ' + r.choice(TOPICS))
    if r.random() < 0.1:
        lines.append('owners ' + r.choice(counties))
    return '\n'.join(lines) + '\n\n'


def main():
    n, m, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(21)
    cities, counties = places()
    with open(d + '/events.ndjson', 'w') as f:
        for i in range(n):
            f.write(json.dumps(event(i, r, counties), ensure_ascii=False,
                               separators=(',', ':')) + '\n')
    with open(d + '/alerts.conf', 'w') as f:
        for i in range(m):
            f.write(sub(i, r, cities, counties))


if __name__ == '__main__':
    main()
