#!/usr/bin/env python3
"""Compares a plan-rollup run's summaries with gen_exports.py's truth.json; exits 1 on any difference.

    scripts/check_truth.py RUN_FOLDER TRUTH_JSON
"""
import csv
import json
import sys


def read_csv(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))


def satang(baht_text):
    whole, _, frac = baht_text.partition('.')
    neg = whole.startswith('-')
    value = abs(int(whole)) * 100 + int((frac + '00')[:2])
    return -value if neg else value


def main():
    run, truth_path = sys.argv[1], sys.argv[2]
    truth = json.load(open(truth_path, encoding='utf-8'))
    errors = []

    def check(what, got, want):
        if got != want:
            errors.append(f'{what}: got {got}, want {want}')

    def check_tallies(kind, rows, truth_rows):
        for key, want in truth_rows.items():
            got = rows.get(key)
            if got is None:
                errors.append(f'{kind} {key}: missing')
                continue
            check(f'{kind} {key} rows', int(got['rows_accepted']), want['rows'])
            # The generator counts every row's count column as activities; plan-rollup reports the
            # count column of projects whose unit is an item (เรื่อง, ฉบับ) as items, never as activities.
            # It also counts rows marked cancelled (ยกเลิก) as held; plan-rollup reports what they state
            # apart, as *_cancelled, never as held.
            def n(column):
                return int(got.get(column) or 0)
            check(f'{kind} {key} activities',
                  n('activities_actual') + n('items_actual') + n('activities_cancelled') + n('items_cancelled'),
                  want['activities'])
            check(f'{kind} {key} participants', n('participants_actual') + n('participants_cancelled'),
                  want['participants'])
            check(f'{kind} {key} spent', satang(got['spent_baht']), want['spent_satang'])

    check_tallies('project', {r['project_id']: r for r in read_csv(f'{run}/projects.csv')}, truth['per_project'])
    check_tallies('bureau', {''.join(r['bureau'].split()): r for r in read_csv(f'{run}/bureaus.csv')},
                  truth['per_bureau'])
    check_tallies('month', {r['month']: r for r in read_csv(f'{run}/months.csv')}, truth['per_month'])

    total = [r for r in read_csv(f'{run}/agencies.csv') if r['agency'] == 'รวม'][0]
    check('total rows', int(total['rows_accepted']), truth['totals']['rows_accepted'])
    check('total spent', satang(total['spent_baht']), truth['totals']['spent_satang'])
    check('plan budget', satang(total['budget_baht']), truth['plan']['budget_total_no_double_count'] * 100)

    kinds = {'project.unknown_id': 'unknown_project', 'date.invalid': 'bad_date',
             'participants.invalid': 'bad_participants'}
    counted = {k: 0 for k in kinds.values()}
    seen_rows = set()
    for r in read_csv(f'{run}/rejects.csv'):
        key = (r['file'], r['line'])
        if key in seen_rows:
            continue  # the first fault of a row is its kind
        seen_rows.add(key)
        kind = kinds.get(r['code'])
        if kind is None:
            errors.append(f'unexpected reject {r["code"]} at {r["file"]}:{r["line"]}')
        else:
            counted[kind] += 1
    for kind, n in counted.items():
        check(f'rejected rows {kind}', n, truth['bad_rows'][kind])

    manifest = json.load(open(f'{run}/manifest.json', encoding='utf-8'))
    skipped = {'blank': 0, 'subtotal': 0, 'title': 0}
    for f in manifest['inputs']:
        for k in skipped:
            skipped[k] += f['skipped'].get(k, 0)
    check('skipped blank rows', skipped['blank'], truth['skipped']['blank_rows'])
    check('skipped subtotal rows', skipped['subtotal'], truth['skipped']['subtotal_rows'])
    check('skipped title rows', skipped['title'], truth['skipped']['title_rows'])

    if errors:
        print(f'FAIL: {len(errors)} differences')
        for e in errors[:40]:
            print('  ' + e)
        sys.exit(1)
    print(f'PASS: {len(truth["per_project"])} projects, {len(truth["per_bureau"])} bureaus, '
          f'{len(truth["per_month"])} months, totals and reject counts match truth.json')


if __name__ == '__main__':
    main()
