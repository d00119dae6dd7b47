# ruff: noqa: E501  (template data: one sentence pattern a line reads better unwrapped)
"""Invented news topics: the facts an event of each kind has, and many ways to say them.

Every template uses the grammar of `unspun.corpus.grammar` ({a|b} choices, <slot> values).
Slots: <town> <region> <day> (e.g. "on Tuesday") <event> and, per person i in 0..2,
<pI> (full name) <pIlast> <pIrole> <pIorg>; number slots are named by the topic's
`numbers`. All text here is written for this project.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class NumberSpec:
    key: str
    low: float
    high: float
    #: count | money (millions) | pct | small
    kind: str


@dataclass(slots=True, frozen=True)
class Topic:
    key: str
    section: str
    story: str
    events: tuple[str, ...]
    #: (role, organisation) templates for the three people: actor, other side, witness.
    roles: tuple[tuple[str, str], ...]
    numbers: tuple[NumberSpec, ...]
    headline: tuple[str, ...]
    standfirst: tuple[str, ...]
    lead: tuple[str, ...]
    facts: tuple[tuple[str, ...], ...]
    quotes: tuple[tuple[str, ...], ...]
    background: tuple[str, ...]
    caption: tuple[str, ...]


FLOOD = Topic(
    key="flood",
    section="news",
    story="flooding in <town> forces <homes> households out",
    events=("the flooding", "the floods", "the flood", "the high water"),
    roles=(
        (
            "{leader of <town> Borough Council|the leader of the borough council in <town>|who leads <town>'s borough council|head of the council in <town>}",
            "<town> Borough Council",
        ),
        (
            "{chair of the <region> Residents' Association|who chairs a residents' group in <region>|the residents' association chair|a residents' leader in <region>}",
            "the <region> Residents' Association",
        ),
        (
            "{a hydrologist at the University of <region>|a <region> University hydrologist|who studies rivers at the University of <region>|a flood expert at <region>'s university}",
            "the University of <region>",
        ),
    ),
    numbers=(
        NumberSpec("homes", 80, 2400, "count"),
        NumberSpec("rain", 40, 160, "small"),
        NumberSpec("cost", 1.2, 48.0, "money"),
        NumberSpec("crews", 6, 40, "small"),
    ),
    headline=(
        "{Hundreds|Households} {flee|evacuated} as river bursts its banks in <town>",
        "<town> floods: <homes> homes {emptied|cleared} {overnight|after record rain}",
        "{Clean-up|Repair bill} {could top|put at} <cost> after <town> {deluge|floods}",
        "Residents of <town> {count the cost|face weeks out of their homes} after {flooding|the deluge}",
        "{Council|Emergency services} {scramble|struggle} as water {swamps|engulfs} <town>",
        "'We lost everything': <town> {wakes up to|confronts} flood damage",
    ),
    standfirst=(
        "{Some|About|More than} <homes> {households|homes} {were told to leave|had to be evacuated} after <rain>mm of rain fell {in a day|within 24 hours}.",
        "{Officials|The council} {estimate|say} the {damage|clean-up} will cost <cost>, and {residents|families} {fear|warn} it could take {months|the rest of the year} to recover.",
        "{Emergency crews|Rescue teams} worked through the night in <town> as {the river rose|water levels climbed} {faster than forecast|beyond the flood defences}.",
        "{Anger is growing|Questions are being asked} over {defences|flood barriers} that {locals|residents} say were {never finished|left half-built}.",
    ),
    lead=(
        "{Around|Roughly|Some} <homes> homes in <town> were evacuated <day> after the River {Wend|Carrow|Ousel|Tamber} burst its banks.",
        "Rescue {crews|teams} moved {hundreds of|scores of} residents out of <town> <day> when {flood water|the swollen river} {poured|surged} into the {town centre|lower streets}.",
        "<day_cap>, <rain>mm of rain {fell on|hit} <town> in {less than a day|a single day}, {leaving|forcing} <homes> {households|homes} {without shelter|to seek shelter elsewhere}.",
        "Flood water {swept through|engulfed|inundated} {parts of|the low-lying streets of} <town> in <region> <day>, and <homes> households {had to leave|were moved out}.",
        "The {town|market town} of <town> was {cut off|left under water} <day> {as|after} {torrential|relentless} rain {overwhelmed|overran} {its defences|the drains}.",
    ),
    facts=(
        (
            "{The Met Office|Forecasters} {said|recorded} that <rain>mm of rain {fell|had fallen} in {24 hours|a single day}, {nearly|almost} a month's {worth|average}.",
            "{Gauges|Weather stations} {near|outside} the town {measured|logged} <rain>mm of rainfall, {a record for|the most ever seen in} the {area|district}.",
            "{A total of|In all,} <rain>mm {of rain|of rainfall} was {measured|recorded} {by local gauges|at the nearest station}, {forecasters|meteorologists} {confirmed|reported}.",
        ),
        (
            "{The council|Officials} {put|estimated} the {cost of repairs|repair bill} at <cost>.",
            "{Early|First} estimates {suggest|indicate} {the damage|repairs} will {cost|run to} <cost>, {the council said|according to the council}.",
            "{Insurers|Loss adjusters} {expect|warned of} claims {worth|totalling} {at least|more than} <cost> {once the water recedes|in the coming weeks}.",
        ),
        (
            "<crews> fire crews {and|along with} {volunteers|a lifeboat team} {used boats to reach|rescued people from} {upstairs windows|stranded cars}.",
            "{Firefighters|Emergency services} {sent|deployed} <crews> {crews|teams} {to the town|into the area}, {some|several} {wading|working} {waist-deep|in deep water}.",
            "{A total of|In all,} <crews> {rescue crews|fire engines} {were called|were sent} {to help|to assist} {overnight|through the night}.",
        ),
    ),
    quotes=(
        (
            "We {have|had} {never seen|not seen} water {like this|this high} in <town>, and {our priority now|the priority} is getting {every family|everyone} {somewhere safe|a roof over their heads} tonight",
            "{The defences did what they could|Our defences held for hours}, but no {barrier|wall} is built for <rain> millimetres in a day",
        ),
        (
            "{People were|Residents were} {warned about|told about} {these|the} defences {years ago|in 2019} and {nothing|very little} was done, so {forgive us|you will understand} if we are {angry|furious}",
            "{My neighbours|Families on my street} {lost|have lost} {everything|everything they own}, and {nobody from the council|no one in charge} {came|has come} to {see them|talk to us}",
        ),
        (
            "{Rainfall like this|Downpours on this scale} used to be {rare|a once-in-a-century event}, but {towns like|places such as} <town> {should|must} now plan for it {every decade|every few years}",
        ),
    ),
    background=(
        "{A flood barrier|New defences} for <town> {were approved|had been agreed} {in 2019|four years ago} but {work has not started|construction stalled}.",
        "The {river|valley} {last flooded|previously burst its banks} in {2007|2012|2015}, when {fewer|far fewer} homes {were|had been} {affected|hit}.",
        "{Schools|Three schools} {in the area|nearby} {will stay closed|are closed} {until further notice|for the rest of the week}.",
    ),
    caption=(
        "{Flood water|Water} {covers|fills} {a street|the high street} in <town>.",
        "{Residents|A family} {wade|are helped} through {flooded|submerged} {streets|roads} in <town> <day>.",
        "{Rescue crews|Firefighters} {use a boat|row} {along|down} a {flooded|drowned} road in <region>.",
    ),
)

PLANT = Topic(
    key="plant",
    section="business",
    story="<p0org> to close its <town> plant with <jobs> jobs lost",
    events=("the closure", "the shutdown", "the job cuts"),
    roles=(
        (
            "{chief executive of <company>|<company>'s chief executive|the firm's chief executive|who runs <company>}",
            "<company>",
        ),
        (
            "{regional organiser for the Allied Workers Union|an organiser with the Allied Workers Union|the union's regional organiser|who represents workers at the site for the Allied Workers Union}",
            "the Allied Workers Union",
        ),
        (
            "{a <town> shop owner|who runs a shop in <town>|a shopkeeper on <town> high street|a local trader}",
            "<town>",
        ),
    ),
    numbers=(
        NumberSpec("jobs", 120, 1900, "count"),
        NumberSpec("years", 18, 95, "small"),
        NumberSpec("loss", 3.0, 90.0, "money"),
        NumberSpec("share", 4, 38, "pct"),
    ),
    headline=(
        "<p0org> to {shut|close} <town> {plant|factory}, {putting|with} <jobs> jobs {at risk|lost}",
        "<jobs> jobs {to go|axed} as <town> {factory|works} {closes|faces closure}",
        "'{A hammer blow|Devastating}': <town> {reels|in shock} at <p0org> {closure|decision}",
        "{Union vows to fight|Workers pledge to fight} closure of <town> {plant|site}",
        "<p0org> {blames|cites} <loss> loss {for|as it announces} {closure|shutdown} in <town>",
    ),
    standfirst=(
        "The {site|plant} has {operated|been open} for <years> years and {employs|is the biggest employer in the town with} <jobs> {staff|people}.",
        "{Bosses|The company} {blamed|pointed to} a <loss> loss and a <share> fall in orders.",
        "{Union leaders|Workers' representatives} {said|say} they {were given no warning|learned of the decision from the press} and {will|plan to} {ballot for action|fight it}.",
        "{Shops and suppliers|Local businesses} in <town> fear {the knock-on effect|what comes next} {as|after} <p0org> {confirmed|announced} {the move|its plans}.",
    ),
    lead=(
        "<p0org> {will close|is to close} its {factory|plant} in <town> {by the end of the year|next spring}, {with the loss of|cutting} <jobs> jobs, the company {said|announced} <day>.",
        "{Some|About|Nearly} <jobs> {workers|staff} {in|at the site in} <town> {will lose|face losing} their jobs after <p0org> {announced|confirmed} <day> that it {would|will} {shut the plant|close the works}.",
        "<day_cap>, <p0org> {told|informed} {staff|its workforce} in <town> that the {factory|plant}, {open for|which has run for} <years> years, {would close|is to shut}.",
        "{The|A} {factory|plant} that has {anchored|sustained} <town> for <years> years {will close|is to shut}, {costing|taking with it} <jobs> jobs, {its owner|<p0org>} {said|confirmed} <day>.",
    ),
    facts=(
        (
            "The company {reported|posted} {a loss of|losses of} <loss> {last year|for the year}, {after|as} orders {fell|dropped} <share>.",
            "{Orders|Demand} {fell|slumped} by <share> {over the past year|in twelve months}, {pushing the company into|leaving the company with} a <loss> loss.",
            "<p0org> {said|explained} that a <share> {drop|decline} in {orders|demand} had {left it with|pushed it into} a <loss> loss.",
        ),
        (
            "The {plant|site} {opened|first opened} <years> years ago and {is|remains} {the largest employer|the biggest private employer} in <town>.",
            "{For|Over} <years> years the {works|factory} {has|have} {employed|provided jobs for} {generations of|whole families in} <town>.",
        ),
        (
            "{Production|Work} {will|is expected to} {move|be moved} to {sites|plants} {abroad|in other countries}, {according to|said} {people familiar with the plans|the company}.",
            "{The company|<p0org>} {plans|intends} to {transfer|shift} {production|the work} to {other sites|its other plants}.",
            "{Staff|Employees} {will|are to} be {offered|given} {redundancy packages|consultation} {over the next|within} {90 days|three months}.",
        ),
    ),
    quotes=(
        (
            "{This|It} {was|has been} {the hardest|a very difficult} decision, and we {did not take it lightly|took it only after every other option failed}",
            "The {market|business} has {changed|moved} {faster than we could|beyond what the plant can} {adapt to|match}, and {we cannot keep|keeping} the site open {indefinitely|is no longer viable}",
        ),
        (
            "{Our members|These workers} {have given|gave} <p0org> {decades|their working lives} and {found out|learned} {on a Tuesday morning|from a press release} that it was over",
            "We will {fight|contest} this {every step of the way|at every stage}, {and|because} <town> {cannot|will not} {simply|just} {absorb|shrug off} <jobs> job losses",
        ),
        (
            "{Half|Most} of {my|our} customers work {at|on} the {site|plant}, so {I do not know|nobody knows} what {happens to the high street|comes next for us}",
        ),
    ),
    background=(
        "{The company|<p0org>} {had|previously} {cut|shed} jobs {at the site|in <town>} in {2016|2018|2020}.",
        "{Local|Regional} {politicians|MPs} {called for|demanded} {an urgent meeting|talks} with {the company|its bosses}.",
        "{Shares in|The share price of} <p0org> {rose|fell} {slightly|sharply} {after|following} the announcement.",
    ),
    caption=(
        "The <p0org> {plant|factory} in <town>.",
        "{Workers|Staff} {leave|arrive at} the <town> {site|works} <day>.",
        "{The gates of|A sign outside} the <p0org> {factory|plant} in <region>.",
    ),
)

BUDGET = Topic(
    key="budget",
    section="politics",
    story="<town> council votes through a <tax> council tax rise",
    events=("the budget", "the tax rise", "the vote"),
    roles=(
        (
            "{leader of <town> Council|the council leader in <town>|who leads <town> Council|the head of the ruling group}",
            "<town> Council",
        ),
        (
            "{leader of the opposition group on <town> Council|the opposition leader|who leads the opposition in <town>|head of the council's main opposition group}",
            "<town> Council",
        ),
        (
            "{a <town> pensioner|a retired teacher from <town>|a pensioner who has lived in <town> for decades|a local pensioner}",
            "<town>",
        ),
    ),
    numbers=(
        NumberSpec("tax", 3, 12, "pct"),
        NumberSpec("gap", 2.0, 35.0, "money"),
        NumberSpec("votes", 22, 41, "small"),
        NumberSpec("against", 9, 20, "small"),
    ),
    headline=(
        "<town> {council tax|bills} to rise <tax> {after|following} {heated|stormy} vote",
        "{Councillors back|Council approves} <tax> {tax rise|increase} to {plug|close} <gap> {gap|shortfall}",
        "<town> {residents face|households hit by} <tax> {rise|increase} {in bills|in council tax}",
        "'{No choice|We had no option}': <town> council {defends|explains} <tax> tax {hike|rise}",
        "{Opposition|Critics} {condemn|attack} <town> {budget|tax rise} as {cuts loom|services shrink}",
    ),
    standfirst=(
        "{Councillors|Members} {voted|agreed} by <votes> votes to <against> to raise {bills|council tax} by <tax>.",
        "The council {says|insists} it {faces|must close} a <gap> {funding gap|shortfall} {next year|over the coming year}.",
        "{Libraries and youth centres|Bus routes and leisure centres} {could|may} still {close|face cuts}, {opponents|critics} {warn|say}.",
    ),
    lead=(
        "{Households|Residents} in <town> will pay <tax> more in council tax {from April|next year} after councillors {approved|backed} the {rise|increase} <day>.",
        "<town> Council {voted|agreed} <day> to {raise|increase} council tax by <tax>, {saying|arguing} it {had to|needed to} {close|fill} a <gap> {gap in its budget|hole in its finances}.",
        "<day_cap>, {councillors|council members} in <town> {backed|passed} a budget that {lifts|puts up} {bills|council tax} by <tax> {and|while} {trims|cuts} {services|spending}.",
        "A <tax> rise in council tax was {approved|voted through} in <town> <day> {after a|following a} {four-hour|long|bad-tempered} {debate|meeting}.",
    ),
    facts=(
        (
            "The {budget|plan} {passed|was approved} by <votes> votes to <against>.",
            "{In the end|When the vote came}, <votes> councillors {backed|supported} the {budget|plan} and <against> {opposed|voted against} it.",
            "{The final tally|The vote} was <votes> {for|in favour} and <against> against.",
        ),
        (
            "{Officials|Finance officers} {said|warned} the council {faced|was facing} a <gap> {gap|shortfall} {without|before} the {rise|increase}.",
            "{Without|Absent} the {increase|rise}, the council {said|warned}, it {would have|faced} a <gap> {hole|gap} in its {finances|accounts}.",
        ),
        (
            "{Two libraries|Three youth centres|A leisure centre} {will|could} {close|shut} {under the plans|as part of the savings}.",
            "{Savings|Cuts} {include|will include} {reduced|fewer} {bin collections|bus subsidies} and {shorter|reduced} library hours.",
        ),
    ),
    quotes=(
        (
            "{Nobody|No councillor} {comes into politics|stands for election} to {raise taxes|put up bills}, but {the alternative|the other option} was {closing|shutting} services {people rely on|residents depend on}",
            "We {have|had} a <gap> hole {and|but} {a legal duty|the law says we must} {to|} balance the books",
        ),
        (
            "{This|The} budget {asks|makes} {families|households} {to pay more|pay more} {for less|and get less back}, and {they|residents} {will|should} remember {that|it} {at the next election|in May}",
            "{The administration|The leadership} {has|have} {wasted|squandered} {money|millions} on {consultants|vanity projects} and now {residents|taxpayers} {are|will be} {paying|asked to pay} for it",
        ),
        (
            "{I am|I'm} on a fixed {income|pension} and {every|each} {rise|increase} {means|comes out of} {something|what} I {have to|must} {go without|cut back on}",
        ),
    ),
    background=(
        "{Government|Central} {funding|grants} {to|for} the council {has fallen|have been cut} {in real terms|sharply} {since 2015|over the past decade}.",
        "{Neighbouring|Nearby} councils {in|across} <region> {have|also} {raised|increased} {bills|tax} {this year|by similar amounts}.",
    ),
    caption=(
        "{Councillors|Members} {debate|vote on} the budget {at|in} <town> {town hall|council chamber}.",
        "<town> {Town Hall|council offices} <day>.",
    ),
)

HOSPITAL = Topic(
    key="hospital",
    section="health",
    story="waiting times at <town> General Hospital rise to <wait> weeks",
    events=("the report", "the inspection", "the findings"),
    roles=(
        (
            "{chief executive of <town> General Hospital|the hospital's chief executive|who runs <town> General|head of the hospital trust}",
            "<town> General Hospital",
        ),
        (
            "{director of the patient group Care Watch <region>|who heads Care Watch <region>|a patients' campaigner|the Care Watch <region> director}",
            "Care Watch <region>",
        ),
        (
            "{a nurse at the hospital|a senior nurse|who works on a surgical ward there|a ward nurse with 20 years' service}",
            "<town> General Hospital",
        ),
    ),
    numbers=(
        NumberSpec("wait", 14, 61, "small"),
        NumberSpec("patients", 900, 18000, "count"),
        NumberSpec("vacancy", 6, 24, "pct"),
        NumberSpec("fund", 1.5, 40.0, "money"),
    ),
    headline=(
        "<town> {hospital|patients} {waiting|wait} <wait> weeks for {routine|planned} {operations|surgery}",
        "{Report|Inspectors} {find|finds} {staff shortages|gaps} {behind|driving} <town> hospital {delays|backlog}",
        "<patients> patients {on waiting list|waiting} at <town> General",
        "{Hospital chiefs promise|Bosses pledge} <fund> to {cut|clear} {waiting lists|backlog} in <town>",
        "'{Unacceptable|Shameful}': {campaigners|patients} {condemn|decry} <town> {hospital|A&E} waits",
    ),
    standfirst=(
        "{An inspection|A report} {found|says} {patients|people} {wait|are waiting} <wait> weeks on average, {with|and} <patients> {on the list|people still waiting}.",
        "{Almost|Nearly|Around} <vacancy> of nursing {posts|jobs} {are|remain} {vacant|unfilled}, {inspectors|the report} {found|says}.",
        "{The hospital|Managers} {say|said} a <fund> {plan|programme} {will|should} {bring|get} {waits|times} down {by next year|within a year}.",
    ),
    lead=(
        "Patients at <town> General Hospital {are waiting|wait} {an average of|on average} <wait> weeks for {planned|routine} {operations|surgery}, {a report|inspectors} {found|said} <day>.",
        "{A report|An inspection} {published|released} <day> {found|says} that <patients> {people|patients} {are|were} {waiting|on the list} for treatment at <town> General Hospital.",
        "<day_cap>, {inspectors|health inspectors} {said|reported} that {staff shortages|unfilled posts} {had|have} {pushed|driven} {waits|waiting times} at the <town> {hospital|infirmary} to <wait> weeks.",
        "{Waiting times|Waits} for {surgery|treatment} at <town> General {have|has} {climbed|risen} to <wait> weeks, {according to|said} {a report|inspectors} {released|published} <day>.",
    ),
    facts=(
        (
            "{The report|Inspectors} {found|said} <vacancy> of nursing posts {were|are} {vacant|empty}.",
            "{Almost|Nearly|About} <vacancy> of {nurse|nursing} {jobs|posts} {at the hospital|there} {remain|are} {unfilled|vacant}, {the inspectors|it} {found|said}.",
            "{Staffing|Recruitment} {gaps|problems} {were|are} {blamed|identified}: <vacancy> of {nursing|nurse} {roles|posts} {have no one in them|are empty}.",
        ),
        (
            "{In all|In total|Altogether}, <patients> patients {are on|remain on} the waiting list.",
            "{The|Its} waiting list {stands at|has reached} <patients>, {up from|compared with} {fewer than|under} {half that|a third of that} {two years ago|before the pandemic}.",
        ),
        (
            "The hospital {has|says it has} {set aside|committed} <fund> {to hire|for hiring} {staff|nurses} and {open|run} {extra|weekend} {theatre|operating} {lists|sessions}.",
            "{A recovery plan|A plan} {worth|costing} <fund> {will|is to} {fund|pay for} {extra|more} {theatre sessions|clinics} {at weekends|in the evenings}, {managers|bosses} said.",
        ),
    ),
    quotes=(
        (
            "We {accept|recognise} the {findings|report} {in full|entirely}, and {patients|our patients} {deserve|are owed} {better|far better} than {this|what they have had}",
            "{Every|Each} {week|month} we {recruit|hire} {more|new} {nurses|staff}, {but|and yet} {demand|need} {keeps|is} {rising|growing} {faster|even faster}",
        ),
        (
            "{Behind|Behind each of} {these numbers|these figures} {are|is} {people|someone} in {pain|constant pain}, {waiting|left waiting} {months|for months} {for a date|to hear anything}",
            "{The warning signs|The signs} {were there|were clear} {for years|years ago}, and {the board|managers} {chose|decided} {not to act|to look away}",
        ),
        (
            "{We|Staff} {go home|finish our shifts} {exhausted|worn out} {every night|night after night} {knowing|because we know} {there are|we left} {patients|people} {we could not reach|we did not get to}",
        ),
    ),
    background=(
        "The hospital {serves|covers} {about|roughly} {300,000|450,000} people {across|in} <region>.",
        "{A previous|The last} inspection {in|during} {2021|2022} {rated|judged} the hospital {good|as requiring improvement}.",
    ),
    caption=(
        "<town> General Hospital.",
        "{An ambulance|Ambulances} {outside|at} <town> General {Hospital|} <day>.",
        "{The entrance|The main entrance} {to|of} the hospital in <town>.",
    ),
)

STRIKE = Topic(
    key="strike",
    section="news",
    story="<region> bus drivers strike over pay, <routes> routes cancelled",
    events=("the strike", "the walkout", "the dispute"),
    roles=(
        (
            "{general secretary of the <region> Transport Union|the union's general secretary|who leads the <region> Transport Union|the drivers' union leader}",
            "the <region> Transport Union",
        ),
        (
            "{managing director of <region> Buses|the bus company's managing director|who runs <region> Buses|the operator's boss}",
            "<region> Buses",
        ),
        (
            "{a commuter from <town>|who travels to work from <town>|a <town> office worker|a passenger waiting in <town>}",
            "<town>",
        ),
    ),
    numbers=(
        NumberSpec("drivers", 300, 3200, "count"),
        NumberSpec("routes", 12, 140, "small"),
        NumberSpec("offer", 2, 9, "pct"),
        NumberSpec("demand", 10, 16, "pct"),
    ),
    headline=(
        "{Bus drivers|Drivers} {walk out|strike} {across|in} <region> {over pay|in pay row}",
        "<routes> bus routes {cancelled|axed for the day} as <region> drivers {strike|walk out}",
        "<region> bus strike: {commuters|passengers} {stranded|left waiting} {as|after} talks {fail|collapse}",
        "{Union rejects|Drivers reject} <offer> {pay offer|rise} {and|as} {strike begins|buses stop}",
    ),
    standfirst=(
        "{About|Around|Some} <drivers> drivers {walked out|stopped work} after {rejecting|turning down} a <offer> pay offer.",
        "The union {wants|is demanding} <demand>, {saying|arguing} {pay has|wages have} {lagged|fallen behind} {prices|inflation} {for years|since 2020}.",
        "{Schools|Employers} {across|in} <region> {warned|told} {pupils|staff} to {find other ways|make other arrangements} to {travel|get in}.",
    ),
    lead=(
        "{Some|About|Nearly} <drivers> bus drivers {across|in} <region> {went on strike|walked out} <day> {in a dispute over|over} pay, {cancelling|halting} <routes> routes.",
        "{Buses|Services} {across|throughout} <region> {stopped|were halted} <day> as <drivers> drivers {began|started} a {strike|walkout} over {a pay offer|pay}.",
        "<day_cap>, {commuters|passengers} in <town> and {across|around} <region> {were left|found themselves} without buses after drivers {walked out|went on strike}.",
        "A strike by <drivers> {bus drivers|drivers} {halted|stopped} <routes> routes {in|across} <region> <day>, {after|when} talks {over pay|on a pay deal} {broke down|collapsed}.",
    ),
    facts=(
        (
            "{Drivers|The union} {rejected|turned down} a <offer> {offer|pay rise} {and are seeking|and want|, holding out for} <demand>.",
            "The {company|operator} {offered|had offered} <offer>; {the union|drivers} {are asking for|want} <demand>.",
            "The <offer> {offer|rise} {was|had been} {rejected|voted down} by members, who {want|are pressing for} <demand>.",
        ),
        (
            "{In all|In total|Altogether}, <routes> routes {were|have been} {suspended|cancelled}, {the company|the operator} {said|confirmed}.",
            "{The operator|<region> Buses} {said|confirmed} <routes> {of its routes|routes} {would not run|were not running}.",
        ),
        (
            "{Further|More} {strikes|walkouts} {are planned|have been called} for {next week|later this month} {unless|if} {a deal is reached|talks fail}.",
            "{The union|Union leaders} {said|warned} {more|further} {stoppages|action} {would follow|could follow} {without|unless there is} a {better|new} offer.",
        ),
    ),
    quotes=(
        (
            "{Our members|Drivers} {did not want|never wanted} to {strike|walk out}, but {a|the} <offer> {offer|rise} {is|was} a pay cut {in real terms|once you count rising prices}",
            "{The company|Management} {made|booked} {record profits|millions in profit} {last year|this year} and {can afford|can pay} {a fair rise|what we are asking}",
        ),
        (
            "{We have|The company has} {made|put forward} a {fair|generous} offer and {we urge|we ask} the union to {return to|come back to} {talks|the table}",
            "{We are|We're} {sorry|deeply sorry} for the {disruption|inconvenience} {to passengers|this causes}, {and|but} {our door remains open|we are ready to talk}",
        ),
        (
            "{It took me|I spent} {two hours|ninety minutes} {to get|getting} {to work|into town} {this morning|today}, and {I|we} {have no idea|do not know} how long {this|it} {will last|goes on}",
        ),
    ),
    background=(
        "{It is|This is} the {first|second} {strike|walkout} {by drivers|at the company} {since|in} {2011|2017|2019}.",
        "{Train|Rail} {services|operators} {added|laid on} {extra|more} {carriages|services} {to cope|to help}.",
    ),
    caption=(
        "{Empty|Idle} buses {parked|lined up} {at|in} {a depot|the depot} in <town>.",
        "{Drivers|Strikers} {on a picket line|picket} {outside|at} the {depot|garage} <day>.",
    ),
)

THEFT = Topic(
    key="theft",
    section="crime",
    story="<artefacts> artefacts stolen from <town> Museum",
    events=("the theft", "the break-in", "the burglary"),
    roles=(
        (
            "{director of <town> Museum|the museum's director|who runs the museum|head of <town> Museum}",
            "<town> Museum",
        ),
        (
            "{a detective inspector with <region> Police|the detective leading the inquiry|a senior officer with <region> Police|who is leading the investigation}",
            "<region> Police",
        ),
        (
            "{an art historian at the University of <region>|a <region> University art historian|who studies stolen antiquities|an expert in ancient metalwork}",
            "the University of <region>",
        ),
    ),
    numbers=(
        NumberSpec("artefacts", 3, 40, "small"),
        NumberSpec("value", 0.4, 12.0, "money"),
        NumberSpec("minutes", 4, 19, "small"),
        NumberSpec("age", 200, 2600, "count"),
    ),
    headline=(
        "{Thieves|Burglars} {take|steal} <artefacts> {artefacts|treasures} {from|in raid on} <town> Museum",
        "<value> {haul|theft}: <town> museum {raided|burgled} {overnight|in the night}",
        "{Police appeal|Police hunt gang} {after|over} <town> museum {break-in|theft}",
        "'{Irreplaceable|Priceless}': <town> Museum {loses|stripped of} {ancient|rare} {collection|gold}",
    ),
    standfirst=(
        "{The|A} {gang|group} {was inside|spent} {for|just} <minutes> minutes and {took|escaped with} {items|objects} {worth|valued at} <value>.",
        "{Some|Several} of the {pieces|objects} are {more than|over} <age> years old, {curators|the museum} {said|says}.",
        "{Police|Detectives} {are|have been} {studying|examining} {security footage|CCTV} and {have appealed|appeal} for {witnesses|information}.",
    ),
    lead=(
        "{Thieves|A gang} {broke into|raided} <town> Museum <day> and {stole|took} <artefacts> {artefacts|objects} {worth|valued at} {an estimated|about} <value>, police said.",
        "<day_cap>, <artefacts> {ancient|historic} {objects|pieces} {were stolen|vanished} from <town> Museum {in a raid|during a break-in} that {lasted|took} <minutes> minutes.",
        "{Police|Detectives} in <region> {are hunting|are searching for} {thieves|a gang} who {stole|took} <artefacts> {artefacts|items} from <town> Museum <day>.",
        "A {raid|break-in} at <town> Museum <day> {left the gallery stripped of|saw the collection lose} <artefacts> of its most {valuable|prized} {objects|pieces}, {worth|valued at} <value>.",
    ),
    facts=(
        (
            "{CCTV|Cameras} {showed|recorded} the {intruders|gang} {inside|in the building} for <minutes> minutes.",
            "{The raid|It} {lasted|was over in} <minutes> minutes, {according to|said} {police|detectives}.",
            "{Detectives|Police} {believe|said} the {thieves|raiders} {spent|were in} <minutes> minutes {in the gallery|inside}.",
        ),
        (
            "{Some|Several|The oldest} of the {objects|pieces} {date back|go back} <age> years.",
            "{Curators|Experts} {said|say} {some|the oldest} {items|pieces} {were made|date from} {about|around} <age> years ago.",
        ),
        (
            "The {stolen|missing} {items|objects} {are|were} {valued at|worth} <value> {in total|altogether}.",
            "{Insurers|The museum} {valued|put} the {haul|stolen objects} at <value>.",
        ),
    ),
    quotes=(
        (
            "{These|The} {objects|pieces} {belong to|are part of the history of} {everyone|every family} in <region>, and {we|I} {appeal|ask} {to anyone|for anyone} {who knows something|with information} to {come forward|call the police}",
            "{Our|The} {staff|team} {are|is} {devastated|heartbroken}, {but|and} {we will|we'll} {reopen|open the doors} {as soon as|once} {the police allow it|we can}",
        ),
        (
            "{This|It} {was|looks like} a {planned|well-planned} {raid|operation} by people who {knew|had studied} {the building|the alarms}, and {we are|I am} {confident|hopeful} {we will find|of finding} them",
        ),
        (
            "{Pieces|Objects} {like these|this famous} {are|is} {almost impossible|very hard} to {sell|sell openly}, so {they may|I fear they will} {be melted down|end up in a private vault}",
        ),
    ),
    background=(
        "The museum {was|had been} {refurbished|renovated} {in|during} {2018|2020} {at a cost of|for} {millions|several million}.",
        "{A similar|Another} {raid|theft} {took place|happened} at a museum in {a neighbouring|another} {county|region} {last year|in 2022}.",
    ),
    caption=(
        "<town> Museum {was|remained} closed <day>.",
        "{Police|Officers} {outside|at} <town> Museum.",
        "{An empty|A smashed} {display case|cabinet} {at|inside} the museum.",
    ),
)

TOPICS: tuple[Topic, ...] = (FLOOD, PLANT, BUDGET, HOSPITAL, STRIKE, THEFT)
