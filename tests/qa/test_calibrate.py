from citeqa.qa.calibrate import Point, choose_threshold, sweep


def test_sweep_picks_the_middle_of_the_best_run():
    scored = [(True, 0.8, False), (True, 0.6, False), (False, 0.3, False), (False, 0.7, True)]
    points = sweep(scored, lo=0.2, hi=0.8, step=0.1)
    chosen = choose_threshold(points)
    assert 0.3 < chosen.threshold <= 0.6
    assert chosen.recall == 1.0 and chosen.answered == 1.0


def test_a_spike_beside_a_cliff_loses_to_a_plateau():
    # The demo sets' own shape: every threshold up to 0.30 alike, one no-answer question caught at 0.31 and
    # answerable ones lost soon after it.
    plateau = [Point(0.20 + i / 100, 0.99, 0.922, 0.996) for i in range(11)]
    spike = [Point(0.31, 0.98, 0.930, 0.991)]
    cliff = [Point(0.32 + i / 100, 0.95, 0.930, 0.96 - i / 50) for i in range(10)]
    points = plateau + spike + cliff
    assert max(points, key=lambda p: p.balanced).threshold == 0.31
    assert choose_threshold(points).threshold < 0.30
