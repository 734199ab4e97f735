// ============================================================================
// Seed knowledge graph: "OpenAI ends Microsoft exclusivity, unlocks AWS
// enterprise distribution" (AI Technology, 7 min read).
// Source text: shared/seeds/000_a7ba85c7bf0b95bc.txt
//
// Written in kg's query language, following openCypher: ONE statement, a
// CREATE of nodes bound to variables, then relationships that reuse them
// (each named r1, r2, ... so that it can be cited), then kg's CITE clauses
// (a kg extension: drop them and the script runs in Neo4j/Memgraph too).
//
// Conventions (full reference: graph-data/SCHEMA.md):
//   * name     -- the entity's name exactly as the article writes it;
//                 other spellings go in `aliases` (a list of strings).
//   * money    -- every amount is an INTEGER number of US dollars in a
//                 property whose key ends in `_usd` ($38 billion ->
//                 value_usd: 38000000000, $750 million -> 750000000).
//   * percent  -- FLOAT in a key ending in `_pct` (27% -> stake_pct: 27.0).
//   * multiple -- FLOAT (17.6x -> return_multiple: 17.6).
//   * counts   -- INTEGER; "200,000-plus" -> enterprise_customers_min: 200000.
//   * validity -- valid_from / valid_to are DATE values. A bound the article
//                 gives only to the month or year covers the whole period:
//                 valid_from is the period's first day, valid_to its last
//                 ("ended in April 2026" -> valid_to: date('2026-04-30'),
//                 "through 2032" -> valid_to: date('2032-12-31')).
//   * other dates -- descriptive ISO 8601 strings, as precise as the article
//                 ('2026-03', 'Q4 2025'): period_start / period_end, as_of.
//   * status   -- 'active' or 'ended' (agreements, distribution, payments);
//                 'preview' (availability).
//   * provenance -- every node (except Source nodes) and every relationship
//                 CITEs the Source the article attributes it to and the
//                 article itself ('Article'); facts the article states on
//                 its own authority cite the article only. Citations are
//                 kg's attachments, not relationships (see SCHEMA.md).
//   * COMPETES_WITH is symmetric: stored once, query it undirected.
// ============================================================================

CREATE
// ---------------------------------------------------------------------------
// Sources: the article itself, the outlets it cites, and the company
// statements it quotes.
// ---------------------------------------------------------------------------
  (s_article:Source {name: 'Article', kind: 'article',
     title: 'OpenAI ends Microsoft exclusivity, unlocks AWS enterprise distribution',
     category: 'AI Technology', reading_time_min: 7}),
  (s_cnbc:Source {name: 'CNBC', kind: 'news outlet'}),
  (s_techcrunch:Source {name: 'TechCrunch', kind: 'news outlet'}),
  (s_bs:Source {name: 'Business Standard', kind: 'news outlet'}),
  (s_ibtimes:Source {name: 'IBTimes', kind: 'news outlet', aliases: ['International Business Times']}),
  (s_tnw:Source {name: 'TheNextWeb', kind: 'news outlet', aliases: ['The Next Web']}),
  (s_vb:Source {name: 'VentureBeat', kind: 'news outlet'}),
  (s_oai_ann:Source {name: 'OpenAI announcement', kind: 'company announcement'}),
  (s_ms_stmt:Source {name: 'Microsoft official statement', kind: 'company statement',
     aliases: ['Microsoft’s official statement']}),

// ---------------------------------------------------------------------------
// Companies. The three clouds of the market table (AWS, Azure, Google
// Cloud) are modelled alike: each is a CloudProvider OPERATED_BY its owner.
// ---------------------------------------------------------------------------
  (openai:Company {name: 'OpenAI', enterprise_customers_min: 200000,
     enterprise_customers_text: '200,000-plus'}),
  (microsoft:Company {name: 'Microsoft'}),
  (amazon:Company {name: 'Amazon'}),
  (aws:CloudProvider {name: 'AWS',
     aliases: ['Amazon Web Services', 'Amazon’s cloud division']}),
  (google:Company {name: 'Google'}),
  (gcloud:CloudProvider {name: 'Google Cloud'}),
  (anthropic:Company {name: 'Anthropic'}),
  (dadavidson:Company {name: 'D.A. Davidson & Co.', aliases: ['D.A. Davidson']}),

// ---------------------------------------------------------------------------
// People (role and employer are on the WORKS_AT relationship below).
// ---------------------------------------------------------------------------
  (dresser:Person {name: 'Denise Dresser'}),
  (garman:Person {name: 'Matt Garman'}),
  (luria:Person {name: 'Gil Luria'}),

// ---------------------------------------------------------------------------
// Cloud platforms. Vertex AI was rebranded as the Gemini Enterprise Agent Platform
// (TheNextWeb): kept as one node, new name in aliases, plus a REBRANDED edge.
// ---------------------------------------------------------------------------
  (bedrock:Platform {name: 'Amazon Bedrock', aliases: ['Bedrock'], multi_model: true}),
  (azure:CloudProvider {name: 'Azure', aliases: ['Microsoft Azure']}),
  (vertex:Platform {name: 'Vertex AI',
     aliases: ['Gemini Enterprise Agent Platform', 'Vertex AI platform']}),

// ---------------------------------------------------------------------------
// Models and products.
// ---------------------------------------------------------------------------
  (gpt55:Model {name: 'GPT-5.5'}),
  (gpt54:Model {name: 'GPT-5.4'}),
  (gemini:Model {name: 'Gemini', aliases: ['Gemini AI models']}),
  (codex:Product {name: 'Codex', kind: 'capability'}),
  // The article does not say whose capability Managed Agents is: no DEVELOPED_BY edge.
  (managed_agents:Product {name: 'Managed Agents', kind: 'capability'}),

// ---------------------------------------------------------------------------
// The deal: multi-year $38 billion OpenAI-AWS partnership, April 2026.
// ---------------------------------------------------------------------------
  (deal_aws:Agreement {name: 'AWS partnership',
     aliases: ['$38 billion partnership', 'multi-year $38 billion agreement', 'April 2026 deal'],
     kind: 'partnership agreement',
     value_usd: 38000000000, multi_year: true, valid_from: date('2026-04-01'),
     status: 'active',
     grants_access_to: ['OpenAI’s models', 'OpenAI’s 200,000-plus enterprise customer base']}),

// ---------------------------------------------------------------------------
// Microsoft-OpenAI agreements. The exclusivity arrangement ended in April
// 2026; the new agreement holds the surviving terms (PART_OF it). The
// primary-cloud-partner term and the revenue-share payments are facts between
// the two companies: they are the PARTNERS_WITH and PAYS relationships below,
// not agreement nodes too.
// ---------------------------------------------------------------------------
  (ag_excl:Agreement {name: 'exclusivity arrangement',
     aliases: ['exclusive partnership', 'exclusive distribution rights', 'Azure exclusivity'],
     kind: 'distribution agreement', exclusive: true, status: 'ended',
     valid_to: date('2026-04-30')}),
  (ag_new:Agreement {name: 'new agreement', aliases: ['revised terms'],
     kind: 'partnership agreement', status: 'active', valid_from: date('2026-04-01')}),
  (ag_first_ship:Agreement {name: 'first-ship-on-Azure rights',
     aliases: ['first-launch rights', 'preferential launch timing'], kind: 'term',
     status: 'active',
     condition: 'unless Microsoft cannot and chooses not to support the necessary capabilities'}),

// ---------------------------------------------------------------------------
// Investments and commitments.
// ---------------------------------------------------------------------------
  (inv_ms:Investment {name: 'Microsoft investment in OpenAI',
     aliases: ['$13 billion investment'], kind: 'investment',
     amount_usd: 13000000000, approximate: true, rounds: 3,
     period_start: '2019', period_end: '2023',
     return_multiple: 17.6, return_as_of: '2026-03'}),
  (inv_azure:Investment {name: 'Azure infrastructure commitment',
     kind: 'infrastructure commitment', amount_usd: 250000000000,
     sized_for: 'exclusive OpenAI workload distribution', revision_disclosed: false}),

// ---------------------------------------------------------------------------
// Google's answer: $750 million partner fund announced at Cloud Next 2026.
// ---------------------------------------------------------------------------
  (fund:Fund {name: 'partner fund', aliases: ['$750 million partner fund', '$750M partner fund'],
     amount_usd: 750000000, purpose: 'agentic AI deployments', channel: 'consulting partners',
     year: 2026}),
  (cloudnext:Event {name: 'Cloud Next 2026', kind: 'conference', year: 2026}),

// ---------------------------------------------------------------------------
// Market figures. One node per row of the table "Cloud Provider AI
// Positioning (Q4 2025–Q1 2026)" (article's own figures), plus Google
// Cloud's Q4 2025 results (IBTimes) and OpenAI's March 2026 valuation.
// Verbal growth rates keep the article's words in growth_text; the numeric
// bounds growth_pct_min/max are our reading of them ("Mid-teens" = 14-16,
// "Low 30s%" = 30-33); exact rates also have growth_pct.
// ---------------------------------------------------------------------------
  (mf_aws:MarketFigure {name: 'AWS AI positioning', metric: 'AI positioning',
     table: 'Cloud Provider AI Positioning', period: 'Q4 2025–Q1 2026',
     period_start: '2025-10', period_end: '2026-03',
     share_pct: 31.0, growth_text: 'Mid-teens', growth_pct_min: 14.0, growth_pct_max: 16.0,
     ai_distribution_strategy: 'Multi-model Bedrock platform + OpenAI direct'}),
  (mf_azure:MarketFigure {name: 'Azure AI positioning', metric: 'AI positioning',
     table: 'Cloud Provider AI Positioning', period: 'Q4 2025–Q1 2026',
     period_start: '2025-10', period_end: '2026-03',
     share_pct: 24.0, growth_text: 'Low 30s%', growth_pct_min: 30.0, growth_pct_max: 33.0,
     ai_distribution_strategy: 'OpenAI primary + first-launch rights'}),
  (mf_gcloud:MarketFigure {name: 'Google Cloud AI positioning', metric: 'AI positioning',
     table: 'Cloud Provider AI Positioning', period: 'Q4 2025–Q1 2026',
     period_start: '2025-10', period_end: '2026-03',
     share_pct: 12.0, growth_text: '48%', growth_pct: 48.0,
     growth_pct_min: 48.0, growth_pct_max: 48.0,
     ai_distribution_strategy: 'Gemini native + $750M partner fund'}),
  (mf_gc_q4:MarketFigure {name: 'Google Cloud Q4 2025 results', metric: 'quarterly results',
     period: 'Q4 2025', period_start: '2025-10', period_end: '2025-12',
     revenue_usd: 17700000000, growth_pct: 48.0,
     note: 'fastest pace in four years', fastest_in_years: 4}),
  (mf_val:MarketFigure {name: 'OpenAI valuation', metric: 'valuation',
     valuation_usd: 852000000000, as_of: '2026-03'}),

// ---------------------------------------------------------------------------
// Quotes (text kept verbatim, including the article's typography).
// ---------------------------------------------------------------------------
  (q_dresser:Quote {name: 'Denise Dresser on Bedrock',
     text: 'has also limited our ability to meet enterprises where they are — for many that’s Bedrock',
     context: 'told employees, about Microsoft’s partnership'}),
  (q_luria:Quote {name: 'Gil Luria on enterprise customers',
     text: 'AWS and Google Cloud enterprise customers have been limited in their ability to integrate OpenAI’s products because of the exclusive relationship and will now be more likely to consider OpenAI alongside Anthropic.'}),
  (q_garman:Quote {name: 'Matt Garman on customer demand',
     text: 'This is what our customers have been asking us for for a really long time.',
     context: 'described customer demand as longstanding'}),
  (q_ms_evolve:Quote {name: 'Microsoft on partnership evolution',
     text: 'The rapid pace of innovation requires us to continue to evolve our partnership to benefit our customers and both companies.'}),
  (q_ms_firstship:Quote {name: 'Microsoft on first-ship condition',
     text: 'unless Microsoft cannot and chooses not to support the necessary capabilities',
     context: 'OpenAI products will ship first on Azure'}),
  (q_vb:Quote {name: 'VentureBeat on partnership evolution',
     text: 'the rapid pace of innovation',
     context: 'the partnership evolution reflects it, requiring structural flexibility'}),

// ---------------------------------------------------------------------------
// "What to watch" items (the article's own outlook).
// ---------------------------------------------------------------------------
  (w_retention:WatchItem {name: 'Azure customer retention metrics',
     through_period: 'Q2 2026', period_end: '2026-06',
     question: 'whether Microsoft can defend its AI-driven cloud growth thesis without exclusivity'}),
  (w_commit:WatchItem {name: 'Azure infrastructure commitment revision',
     question: 'whether the $250 billion Azure infrastructure commitment will be revised for multi-cloud reality',
     disclosed: false}),
  (w_gcloud:WatchItem {name: 'Google Cloud response velocity',
     question: 'whether Google Cloud secures similar direct OpenAI distribution or doubles down on Gemini-native differentiation',
     outcomes: ['three-way model marketplace', 'bifurcated ecosystem'],
     article_leaning: 'bifurcated ecosystem'}),
  (w_openai:WatchItem {name: 'OpenAI enterprise revenue growth trajectory',
     question: 'whether multi-cloud distribution unlocks the corporate customer base that Azure exclusivity constrained'}),

// ===========================================================================
// Relationships
// ===========================================================================

// --- corporate structure and platform ownership ---
  (aws)-[r1:OPERATED_BY]->(amazon),
  (gcloud)-[r2:OPERATED_BY]->(google),
  (azure)-[r3:OPERATED_BY]->(microsoft),
  (bedrock)-[r4:OPERATED_BY]->(aws),
  (vertex)-[r5:OPERATED_BY]->(gcloud),
  (google)-[r6:REBRANDED {from_name: 'Vertex AI', to_name: 'Gemini Enterprise Agent Platform'}]->(vertex),

// --- people: role and employer ---
  (dresser)-[r7:WORKS_AT {role: 'revenue chief'}]->(openai),
  (garman)-[r8:WORKS_AT {role: 'CEO'}]->(aws),
  (luria)-[r9:WORKS_AT {role: 'analyst'}]->(dadavidson),

// --- models and products: who builds them, where they are available ---
  (gpt55)-[r10:DEVELOPED_BY]->(openai),
  (gpt54)-[r11:DEVELOPED_BY]->(openai),
  (codex)-[r12:DEVELOPED_BY]->(openai),
  (gemini)-[r13:DEVELOPED_BY]->(google),
  (gpt55)-[r14:AVAILABLE_ON {status: 'preview'}]->(bedrock),
  (gpt54)-[r15:AVAILABLE_ON {status: 'preview'}]->(bedrock),
  (codex)-[r16:AVAILABLE_ON {status: 'preview'}]->(bedrock),
  (managed_agents)-[r17:AVAILABLE_ON {status: 'preview'}]->(bedrock),

// --- the AWS partnership ---
  (openai)-[r18:PARTY_TO {role: 'model provider'}]->(deal_aws),
  (aws)-[r19:PARTY_TO {role: 'distributor'}]->(deal_aws),
  (deal_aws)-[r20:DISTRIBUTED_VIA]->(bedrock),
  (deal_aws)-[r21:ENDED]->(ag_excl),
  (microsoft)-[r22:PARTNERS_WITH {role: 'primary cloud partner', quote: 'primary cloud partner',
     valid_to: date('2032-12-31')}]->(openai),

// --- who distributes OpenAI's models (X DISTRIBUTES OpenAI = X distributes OpenAI's models;
//     the platform it distributes through is linked by DISTRIBUTES_THROUGH) ---
  (aws)-[r23:DISTRIBUTES {exclusive: false, status: 'active',
     valid_from: date('2026-04-01')}]->(openai),
  (microsoft)-[r24:DISTRIBUTES {exclusive: true, status: 'ended',
     valid_to: date('2026-04-30')}]->(openai),
  (microsoft)-[r25:DISTRIBUTES {exclusive: false, status: 'active',
     valid_from: date('2026-04-01')}]->(openai),
  (aws)-[r26:DISTRIBUTES_THROUGH]->(bedrock),
  (microsoft)-[r27:DISTRIBUTES_THROUGH]->(azure),

// --- Microsoft-OpenAI agreements: parties (with role) and structure ---
  (microsoft)-[r28:PARTY_TO {role: 'exclusive distributor'}]->(ag_excl),
  (openai)-[r29:PARTY_TO {role: 'model provider'}]->(ag_excl),
  (microsoft)-[r30:PARTY_TO {role: 'partner'}]->(ag_new),
  (openai)-[r31:PARTY_TO {role: 'partner'}]->(ag_new),
  (ag_first_ship)-[r32:PART_OF]->(ag_new),
  (microsoft)-[r33:PARTY_TO {role: 'rights holder'}]->(ag_first_ship),
  (openai)-[r34:PARTY_TO {role: 'grantor'}]->(ag_first_ship),
  (ag_first_ship)-[r35:FOR_PLATFORM]->(azure),

// --- money flows ---
  (microsoft)-[r36:PAYS {payment: 'revenue share', status: 'ended', valid_to: date('2026-04-30')}]->(openai),
  (openai)-[r37:PAYS {payment: 'revenue share', capped: true, status: 'active',
     valid_to: date('2030-12-31')}]->(microsoft),

// --- Microsoft's investment, stake and infrastructure commitment ---
  (microsoft)-[r38:PARTY_TO {role: 'investor'}]->(inv_ms),
  (openai)-[r39:PARTY_TO {role: 'investee'}]->(inv_ms),
  (ag_excl)-[r40:UNDERPINNED]->(inv_ms),
  (microsoft)-[r41:OWNS_STAKE {stake_pct: 27.0, value_usd: 228000000000, as_of: '2026-03',
     position: 'influential minority shareholder'}]->(openai),
  (microsoft)-[r42:PARTY_TO {role: 'investor'}]->(inv_azure),
  (inv_azure)-[r43:FOR_PLATFORM]->(azure),

// --- market figures ---
  (aws)-[r44:HAS_MARKET_FIGURE]->(mf_aws),
  (azure)-[r45:HAS_MARKET_FIGURE]->(mf_azure),
  (gcloud)-[r46:HAS_MARKET_FIGURE]->(mf_gcloud),
  (gcloud)-[r47:HAS_MARKET_FIGURE]->(mf_gc_q4),
  (openai)-[r48:HAS_MARKET_FIGURE]->(mf_val),
  (mf_gc_q4)-[r49:DRIVEN_BY]->(gemini),
  (mf_gc_q4)-[r50:DRIVEN_BY]->(vertex),

// --- competition (symmetric; stored once) ---
  (aws)-[r51:COMPETES_WITH]->(azure),
  (aws)-[r52:COMPETES_WITH]->(gcloud),
  (azure)-[r53:COMPETES_WITH]->(gcloud),
  (openai)-[r54:COMPETES_WITH]->(anthropic),

// --- Google's partner fund ---
  (google)-[r55:ANNOUNCED]->(fund),
  (fund)-[r56:ANNOUNCED_AT]->(cloudnext),
  (google)-[r57:HOSTED]->(cloudnext),
  (fund)-[r58:SUPPORTS]->(vertex),

// --- quotes: who said them and what they are about ---
  (dresser)-[r59:SAID]->(q_dresser),
  (luria)-[r60:SAID]->(q_luria),
  (garman)-[r61:SAID]->(q_garman),
  (microsoft)-[r62:SAID]->(q_ms_evolve),
  (microsoft)-[r63:SAID]->(q_ms_firstship),
  (q_dresser)-[r64:ABOUT]->(ag_excl),
  (q_luria)-[r65:ABOUT]->(ag_excl),
  (q_garman)-[r66:ABOUT]->(deal_aws),
  (q_ms_evolve)-[r67:ABOUT]->(ag_new),
  (q_ms_firstship)-[r68:ABOUT]->(ag_first_ship),
  (q_vb)-[r69:ABOUT]->(ag_new),

// --- who issued the company statements ---
  (openai)-[r70:PUBLISHED]->(s_oai_ann),
  (microsoft)-[r71:PUBLISHED]->(s_ms_stmt),

// --- what to watch ---
  (w_retention)-[r72:CONCERNS]->(azure),
  (w_commit)-[r73:CONCERNS]->(inv_azure),
  (w_gcloud)-[r74:CONCERNS]->(gcloud),
  (w_openai)-[r75:CONCERNS]->(openai)

// ===========================================================================
// Provenance: every fact cites the outlet the article attributes it to and
// the article itself, with kg's CITE clause (see SCHEMA.md): citations are
// attachments, never relationships, so no pattern or path walks through them.
// ===========================================================================
CITE s_article FOR
  openai, microsoft, amazon, aws, gcloud, garman, bedrock, azure, deal_aws,
  ag_excl, inv_ms, inv_azure, mf_aws, mf_azure, mf_gcloud, mf_val, q_garman,
  w_retention, w_commit, w_gcloud, w_openai, r1, r2, r3, r4, r8, r18, r19,
  r20, r21, r22, r23, r24, r25, r26, r27, r28, r29, r38, r39, r40, r41, r42,
  r43, r44, r45, r46, r48, r51, r52, r53, r61, r66, r70, r71, r72, r73, r74,
  r75
CITE s_cnbc, s_article FOR
  dresser, q_dresser, r7, r59, r64
CITE s_techcrunch, s_article FOR
  ag_new, r30, r31, r36, r37
CITE s_bs, s_article FOR
  anthropic, dadavidson, luria, q_luria, r9, r54, r60, r65
CITE s_ibtimes, s_article FOR
  vertex, gemini, mf_gc_q4, r5, r13, r47, r49, r50
CITE s_tnw, s_article FOR
  google, fund, cloudnext, r6, r55, r56, r57, r58
CITE s_vb, s_article FOR
  q_vb, r69
CITE s_oai_ann, s_article FOR
  gpt55, gpt54, codex, managed_agents, r10, r11, r12, r14, r15, r16, r17
CITE s_ms_stmt, s_article FOR
  ag_first_ship, q_ms_evolve, q_ms_firstship, r32, r33, r34, r35, r62, r63,
  r67, r68
// The passages behind the facts most asked about.
CITE s_article QUOTE 'remains the “primary cloud partner” through 2032' FOR r22
CITE s_article QUOTE 'Microsoft’s exclusive distribution rights expire' FOR r24
CITE s_cnbc QUOTE 'Denise Dresser, OpenAI’s revenue chief' FOR r7
CITE s_techcrunch QUOTE 'OpenAI continues paying Microsoft through 2030 under a newly capped arrangement' FOR r37;
